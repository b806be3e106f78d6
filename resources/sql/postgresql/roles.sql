-- TaskDeck roles for PostgreSQL. Run once per database, after `taskdeckctl init`, as the owner of the taskdeck
-- schema (the user that ran init) with CREATEROLE, e.g.  psql -d tasks -f roles.sql
-- Safe to run again (after an upgrade it grants on new tables too). Grant a role to a login with
--   CREATE ROLE billing_app LOGIN PASSWORD '...' IN ROLE taskdeck_producer;
--
--   taskdeck_reader    read everything (the console without write actions, `taskdeckctl list/status/stats`)
--   taskdeck_producer  only the SQL API: taskdeck.enqueue, taskdeck.publish, taskdeck.cancel_by_key,
--                      taskdeck.task_status — no table access at all
--   taskdeck_operator  read, retry, delete, cancel, enqueue, pause/resume and queue settings, schedules,
--                      subscriptions, retention; every change is written to the audit log
--   taskdeck_worker    claim, complete, heartbeat, rescue expired leases, fire schedules, prune by retention
-- The console's local executor is a worker: its user needs taskdeck_worker as well.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'taskdeck_reader') THEN
        CREATE ROLE taskdeck_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'taskdeck_producer') THEN
        CREATE ROLE taskdeck_producer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'taskdeck_operator') THEN
        CREATE ROLE taskdeck_operator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'taskdeck_worker') THEN
        CREATE ROLE taskdeck_worker NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA taskdeck TO taskdeck_reader, taskdeck_producer, taskdeck_operator, taskdeck_worker;

-- Readers, operators and workers see every table.
GRANT SELECT ON ALL TABLES IN SCHEMA taskdeck TO taskdeck_reader, taskdeck_operator, taskdeck_worker;

-- Producers: the SQL API only. The functions run as their owner (SECURITY DEFINER, search_path pinned).
GRANT EXECUTE ON FUNCTION
    taskdeck.enqueue(text, text, text, bigint, timestamptz, integer, text, integer),
    taskdeck.publish(text, text),
    taskdeck.cancel_by_key(text),
    taskdeck.task_status(bigint)
    TO taskdeck_producer, taskdeck_operator;

-- Operators: change tasks, queues, schedules, subscriptions and settings; write the audit log.
GRANT INSERT, UPDATE, DELETE ON taskdeck.tasks, taskdeck.queues, taskdeck.schedules, taskdeck.subscriptions,
    taskdeck.settings TO taskdeck_operator;
GRANT INSERT ON taskdeck.operator_actions TO taskdeck_operator;

-- Workers: claim and complete tasks (UPDATE), enqueue schedule occurrences and subscriptions' tasks (INSERT),
-- delete tasks retention lets go, record runs and statistics, register and heartbeat, take the maintenance turn.
GRANT INSERT, UPDATE, DELETE ON taskdeck.tasks, taskdeck.task_runs, taskdeck.stats, taskdeck.workers,
    taskdeck.maintenance TO taskdeck_worker;
-- Queue rows are locked (SELECT … FOR UPDATE) while a claim counts running tasks against concurrency limits.
GRANT UPDATE ON taskdeck.schedules, taskdeck.queues TO taskdeck_worker;
GRANT INSERT ON taskdeck.queues TO taskdeck_worker;
-- The overview's task counts: triggers write them as the schema's owner; a worker's maintenance pass folds them.
GRANT INSERT, DELETE ON taskdeck.task_counts TO taskdeck_worker;

-- Identity columns' sequences.
GRANT USAGE ON ALL SEQUENCES IN SCHEMA taskdeck TO taskdeck_operator, taskdeck_worker;
