// graphile-worker's drain, following its own perfTest (bulk add_jobs through json_populate_recordset, VACUUM
// ANALYZE, then a worker; time from the first job's start until the jobs table is empty).
//   node graphile.mjs setup
//   node graphile.mjs drain <jobs> <concurrency> <default|batched>
// DATABASE_URL_BASE: postgres://user@host:port (password from PGPASSWORD). Prints one line of JSON.
import pg from "pg";
import { run, runMigrations, Logger } from "graphile-worker";

const BASE = process.env.DATABASE_URL_BASE;
const DB = "taskdeck_compare_graphile";
const URL = `${BASE}/${DB}`;
const quiet = new Logger(() => (level, message) => {
  if (level === "error") console.error(message);
});
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function preset(concurrency, cfg) {
  const worker = { connectionString: URL, concurrentJobs: concurrency, maxPoolSize: concurrency + 1,
    gracefulShutdownAbortTimeout: 2500 };
  // graphile-worker's perfTest batching options
  if (cfg === "batched")
    Object.assign(worker, { localQueue: { size: 500, refetchDelay: { durationMs: 10 } },
      completeJobBatchDelay: 0, failJobBatchDelay: 0 });
  else if (cfg !== "default") throw new Error(`unknown configuration ${cfg}`);
  return { worker };
}

async function setup() {
  const admin = new pg.Client({ connectionString: `${BASE}/postgres` });
  await admin.connect();
  await admin.query("set client_min_messages = warning");
  await admin.query(`drop database if exists ${DB}`);
  await admin.query(`create database ${DB}`);
  await admin.end();
  await runMigrations({ connectionString: URL, logger: quiet });
  return { setup: "ok" };
}

async function count(c) {
  return (await c.query("select count(*)::int as n from graphile_worker._private_jobs")).rows[0].n;
}

async function drain(n, concurrency, cfg) {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  await c.query("delete from graphile_worker._private_jobs");
  await c.query("delete from graphile_worker._private_job_queues");
  const jobs = Array.from({ length: n }, (_, i) => ({ identifier: "noop", payload: { id: i } }));
  const t0 = now();
  await c.query("select 1 from graphile_worker.add_jobs(array(select json_populate_recordset(" +
    "null::graphile_worker.job_spec, $1::json)))", [JSON.stringify(jobs)]);
  const enqueueMs = now() - t0;
  await c.query("vacuum analyze graphile_worker._private_jobs");
  let handled = 0, first = 0, resolveAll;
  const all = new Promise((r) => (resolveAll = r));
  const runner = await run({ preset: preset(concurrency, cfg), logger: quiet, noHandleSignals: true,
    taskList: { noop: async () => { if (handled === 0) first = now(); if (++handled === n) resolveAll(); } } });
  await all;
  while ((await count(c)) > 0) await sleep(5); // batched completions may still be in flight
  const done = now();
  await runner.stop();
  await c.end();
  return { tasks: n, concurrency, configuration: cfg, enqueue_per_s: (n * 1000) / enqueueMs,
    drain_s: (done - first) / 1000, drain_per_s: (n * 1000) / (done - first) };
}

const [mode, ...args] = process.argv.slice(2);
const result = mode === "setup" ? await setup() : mode === "drain"
  ? await drain(+args[0], +args[1], args[2] || "batched") : null;
if (!result) { console.error("usage: graphile.mjs setup | drain JOBS CONCURRENCY CFG"); process.exit(2); }
console.log(JSON.stringify(result));
process.exit(0);
