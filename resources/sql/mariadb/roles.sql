-- TaskDeck roles for MariaDB (10.4 and later; MySQL 8 takes the same statements). Run once per database, after
-- `taskdeckctl init`, in that database as a user who may create roles and grant on it, e.g.
--   mariadb tasks < roles.sql
-- Safe to run again. Unqualified names below mean the current database. Give a role to an account with
--   GRANT taskdeck_producer TO 'billing_app'@'%';  SET DEFAULT ROLE taskdeck_producer FOR 'billing_app'@'%';
--
--   taskdeck_reader    read everything (the console without write actions, `taskdeckctl list/status/stats`)
--   taskdeck_producer  only the SQL API: CALL taskdeck_enqueue / taskdeck_publish / taskdeck_cancel_by_key,
--                      SELECT taskdeck_task_status(id) — no table access at all
--   taskdeck_operator  read, retry, delete, cancel, enqueue, pause/resume and queue settings, schedules,
--                      subscriptions, retention; every change is written to the audit log
--   taskdeck_worker    claim, complete, heartbeat, rescue expired leases, fire schedules, prune by retention
-- The console's local executor is a worker: its account needs taskdeck_worker as well.

CREATE ROLE IF NOT EXISTS taskdeck_reader;
CREATE ROLE IF NOT EXISTS taskdeck_producer;
CREATE ROLE IF NOT EXISTS taskdeck_operator;
CREATE ROLE IF NOT EXISTS taskdeck_worker;

GRANT SELECT ON taskdeck_schema_version TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_tasks TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_task_runs TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_workers TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_queues TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_stats TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_operator_actions TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_schedules TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_subscriptions TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_settings TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_maintenance TO taskdeck_reader, taskdeck_operator, taskdeck_worker;
GRANT SELECT ON taskdeck_task_counts TO taskdeck_reader, taskdeck_operator, taskdeck_worker;

-- Producers: the SQL API only. The procedures run as their definer (SQL SECURITY DEFINER, the default).
GRANT EXECUTE ON PROCEDURE taskdeck_enqueue TO taskdeck_producer, taskdeck_operator;
GRANT EXECUTE ON PROCEDURE taskdeck_publish TO taskdeck_producer, taskdeck_operator;
GRANT EXECUTE ON PROCEDURE taskdeck_cancel_by_key TO taskdeck_producer, taskdeck_operator;
GRANT EXECUTE ON FUNCTION taskdeck_task_status TO taskdeck_producer, taskdeck_operator;

-- Operators: change tasks, queues, schedules, subscriptions and settings; write the audit log.
GRANT INSERT, UPDATE, DELETE ON taskdeck_tasks TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON taskdeck_queues TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON taskdeck_schedules TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON taskdeck_subscriptions TO taskdeck_operator;
GRANT INSERT, UPDATE, DELETE ON taskdeck_settings TO taskdeck_operator;
GRANT INSERT ON taskdeck_operator_actions TO taskdeck_operator;

-- Workers: claim and complete tasks, enqueue schedule occurrences, delete what retention lets go, record runs and
-- statistics, register and heartbeat, take the maintenance turn.
GRANT INSERT, UPDATE, DELETE ON taskdeck_tasks TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON taskdeck_task_runs TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON taskdeck_stats TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON taskdeck_workers TO taskdeck_worker;
GRANT INSERT, UPDATE, DELETE ON taskdeck_maintenance TO taskdeck_worker;
GRANT UPDATE ON taskdeck_schedules TO taskdeck_worker;
-- Queue rows are locked (SELECT … FOR UPDATE) while a claim counts running tasks against concurrency limits.
GRANT UPDATE ON taskdeck_queues TO taskdeck_worker;
GRANT INSERT ON taskdeck_queues TO taskdeck_worker;
-- The overview's task counts: triggers write them as their definer; a worker's maintenance pass folds them.
GRANT INSERT, DELETE ON taskdeck_task_counts TO taskdeck_worker;
