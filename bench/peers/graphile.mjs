// graphile-worker's drain, following its own perfTest (bulk add_jobs through json_populate_recordset, VACUUM
// ANALYZE, then a worker; time from the first job's start until the jobs table is empty).
//   node graphile.mjs setup
//   node graphile.mjs drain <jobs> <concurrency> <default|batched>
//   node graphile.mjs enqueue-single <jobs>        addJob() one at a time, from one client, on an analyzed table
//   node graphile.mjs latency <samples>            add_job → handler start, sequential, a worker with defaults
// DATABASE_URL_BASE: postgres://user@host:port (password from PGPASSWORD). Prints one line of JSON.
import pg from "pg";
import { run, runMigrations, makeWorkerUtils, Logger } from "graphile-worker";

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

async function clear(c) {
  await c.query("delete from graphile_worker._private_jobs");
  await c.query("delete from graphile_worker._private_job_queues");
  await c.query("vacuum analyze graphile_worker._private_jobs");
}

// Its rate swings with the table's statistics right after a drain: measured on an emptied, analyzed table.
async function enqueueSingle(n) {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  await clear(c);
  const utils = await makeWorkerUtils({ connectionString: URL, logger: quiet });
  const t0 = now();
  for (let i = 0; i < n; i++) await utils.addJob("noop", { id: i });
  const ms = now() - t0;
  await utils.release();
  if ((await count(c)) !== n) throw new Error(`expected ${n} jobs`);
  await clear(c);
  await c.end();
  return { tasks: n, enqueue_per_s: (n * 1000) / ms };
}

// Following graphile-worker's own latencyTest: a warm-up, then each job timed from before its add_job until its
// handler starts (commit, notification, fetch included).
async function latency(samples) {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  await clear(c);
  const startedAt = {}, waiters = {};
  let latencies = [];
  const runner = await run({ preset: preset(10, "default"), logger: quiet, noHandleSignals: true,
    taskList: { latency: async ({ id }) => { latencies.push(now() - startedAt[id]); waiters[id]?.(); } } });
  await c.query("select graphile_worker.add_job('latency', json_build_object('id', -i)) from generate_series(1, 100) i");
  while ((await count(c)) > 0) await sleep(50);
  latencies = [];
  for (let id = 0; id < samples; id++) {
    const done = new Promise((r) => (waiters[id] = r));
    startedAt[id] = now();
    await c.query({ name: "add_latency", text: "select graphile_worker.add_job('latency', json_build_object('id', $1::int))",
      values: [id] });
    await done;
  }
  while ((await count(c)) > 0) await sleep(20);
  await runner.stop();
  await c.end();
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { samples, p50_ms: at(0.5), p99_ms: at(0.99) };
}

const [mode, ...args] = process.argv.slice(2);
const result = mode === "setup" ? await setup()
  : mode === "drain" ? await drain(+args[0], +args[1], args[2] || "batched")
  : mode === "enqueue-single" ? await enqueueSingle(+args[0])
  : mode === "latency" ? await latency(+args[0]) : null;
if (!result) {
  console.error("usage: graphile.mjs setup | drain JOBS CONCURRENCY CFG | enqueue-single JOBS | latency SAMPLES");
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0);
