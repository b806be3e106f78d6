-- TaskDeck roles for SQL Server. Run once per database, after `taskdeckctl init`, in that database as its owner
-- (db_owner, or db_securityadmin with GRANT on the taskdeck schema), e.g.  sqlcmd -d tasks -i roles.sql
-- Safe to run again. Give a role to a database user with
--   ALTER ROLE taskdeck_producer ADD MEMBER billing_app;
-- This script has been parsed (sqlfluff's T-SQL grammar) but has not run against a SQL Server here.
--
--   taskdeck_reader    read everything (the console without write actions, `taskdeckctl list/status/stats`)
--   taskdeck_producer  only the SQL API: EXEC taskdeck.enqueue / taskdeck.publish / taskdeck.cancel_by_key,
--                      SELECT taskdeck.task_status(id) — no table access at all
--   taskdeck_operator  read, retry, delete, cancel, enqueue, pause/resume and queue settings, schedules,
--                      subscriptions, retention; every change is written to the audit log
--   taskdeck_worker    claim, complete, heartbeat, rescue expired leases, fire schedules, prune by retention
-- The console's local executor is a worker: its user needs taskdeck_worker as well.

IF DATABASE_PRINCIPAL_ID(N'taskdeck_reader') IS NULL CREATE ROLE taskdeck_reader;
IF DATABASE_PRINCIPAL_ID(N'taskdeck_producer') IS NULL CREATE ROLE taskdeck_producer;
IF DATABASE_PRINCIPAL_ID(N'taskdeck_operator') IS NULL CREATE ROLE taskdeck_operator;
IF DATABASE_PRINCIPAL_ID(N'taskdeck_worker') IS NULL CREATE ROLE taskdeck_worker;

GRANT SELECT ON SCHEMA::taskdeck TO taskdeck_reader;
GRANT SELECT ON SCHEMA::taskdeck TO taskdeck_operator;
GRANT SELECT ON SCHEMA::taskdeck TO taskdeck_worker;

-- Producers: the SQL API only; ownership chaining lets the procedures reach the tables.
GRANT EXECUTE ON OBJECT::taskdeck.enqueue TO taskdeck_producer;
GRANT EXECUTE ON OBJECT::taskdeck.publish TO taskdeck_producer;
GRANT EXECUTE ON OBJECT::taskdeck.cancel_by_key TO taskdeck_producer;
GRANT EXECUTE ON OBJECT::taskdeck.task_status TO taskdeck_producer;
GRANT EXECUTE ON OBJECT::taskdeck.enqueue TO taskdeck_operator;
GRANT EXECUTE ON OBJECT::taskdeck.publish TO taskdeck_operator;
GRANT EXECUTE ON OBJECT::taskdeck.cancel_by_key TO taskdeck_operator;
GRANT EXECUTE ON OBJECT::taskdeck.task_status TO taskdeck_operator;

-- Operators: change tasks, queues, schedules, subscriptions and settings; write the audit log.
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.tasks TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.queues TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.schedules TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.subscriptions TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.settings TO taskdeck_operator;
GRANT INSERT ON OBJECT::taskdeck.operator_actions TO taskdeck_operator;

-- Workers: claim and complete tasks, enqueue schedule occurrences, delete what retention lets go, record runs and
-- statistics, register and heartbeat, take the maintenance turn.
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.tasks TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.task_runs TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.stats TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.workers TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON OBJECT::taskdeck.maintenance TO taskdeck_worker;
GRANT UPDATE ON OBJECT::taskdeck.schedules TO taskdeck_worker;
-- Queue rows are locked (UPDLOCK) while a claim counts running tasks against concurrency limits.
GRANT UPDATE ON OBJECT::taskdeck.queues TO taskdeck_worker;
GRANT INSERT ON OBJECT::taskdeck.queues TO taskdeck_worker;
-- The overview's task counts: the trigger writes them (ownership chaining); a worker's maintenance pass folds them.
GRANT INSERT, DELETE ON OBJECT::taskdeck.task_counts TO taskdeck_worker;
