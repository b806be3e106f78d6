// plainjob's drain under bun (bun:sqlite), following its own multi-process pattern: addMany(N) into a fresh WAL
// database, then W worker processes; time from the first job's start to the last job done.
//   bun plainjob.mjs drain <jobs> <workers> <directory>
//   bun plainjob.mjs enqueue-single <jobs> <directory>     add() one at a time into a fresh database
// Prints one line of JSON.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import { Database } from "bun:sqlite";
import { defineQueue, defineWorker, bun, JobStatus } from "plainjob";

const logger = { error: console.error, warn: console.warn, info: () => {}, debug: () => {} };
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const open = (file) => defineQueue({ connection: bun(new Database(file, { strict: true, create: true })), logger });

async function child(file) {
  const queue = open(file);
  let first = 0, last = 0, count = 0;
  const worker = defineWorker("noop", async () => { if (!first) first = now(); },
    { queue, logger, onCompleted: () => { count++; last = now(); } });
  process.on("message", async (m) => {
    if (m !== "go") return;
    const running = worker.start();
    while (queue.countJobs({ status: JobStatus.Pending }) + queue.countJobs({ status: JobStatus.Processing }) > 0)
      await sleep(50);
    await worker.stop();
    await running;
    process.send({ first, last, count }, () => { queue.close(); process.exit(0); });
  });
  process.send("ready");
}

async function drain(n, workers, directory) {
  const file = path.join(directory, "plainjob.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const queue = open(file);
  const t0 = now();
  queue.addMany("noop", Array.from({ length: n }, (_, i) => ({ id: i })));
  const enqueueMs = now() - t0;
  queue.close();
  const kids = [];
  for (let w = 0; w < workers; w++) {
    const k = fork(fileURLToPath(import.meta.url), ["child", file]);
    kids.push({ k, ready: new Promise((r) => k.once("message", r)),
      done: new Promise((r) => k.on("message", (m) => m !== "ready" && r(m))) });
  }
  await Promise.all(kids.map((x) => x.ready));
  for (const x of kids) x.k.send("go");
  const results = await Promise.all(kids.map((x) => x.done));
  const first = Math.min(...results.filter((r) => r.first).map((r) => r.first));
  const last = Math.max(...results.map((r) => r.last));
  const count = results.reduce((a, r) => a + r.count, 0);
  if (count !== n) throw new Error(`processed ${count} of ${n}`);
  return { tasks: n, workers, enqueue_per_s: (n * 1000) / enqueueMs, drain_s: (last - first) / 1000,
    drain_per_s: (n * 1000) / (last - first) };
}

function enqueueSingle(n, directory) {
  const file = path.join(directory, "plainjob-single.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const queue = open(file);
  const t0 = now();
  for (let i = 0; i < n; i++) queue.add("noop", { id: i });
  const ms = now() - t0;
  if (queue.countJobs({ status: JobStatus.Pending }) !== n) throw new Error(`expected ${n} jobs`);
  queue.close();
  return { tasks: n, enqueue_per_s: (n * 1000) / ms };
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "child") await child(args[0]);
else if (mode === "drain") { console.log(JSON.stringify(await drain(+args[0], +args[1], args[2]))); process.exit(0); }
else if (mode === "enqueue-single") { console.log(JSON.stringify(enqueueSingle(+args[0], args[1]))); process.exit(0); }
else { console.error("usage: plainjob.mjs drain JOBS WORKERS DIRECTORY | enqueue-single JOBS DIRECTORY"); process.exit(2); }
