import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { runOnWorkers, type WorkerHandler, type WorkerProgress } from "./workers.ts";

/** A worker script as a blob URL importing this folder's workers.ts (no fixture file needed). */
function script(body: string): string {
  const lib = new URL("./workers.ts", import.meta.url).href;
  const src = `import { serveWorker } from "${lib}";\n${body}`;
  return URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
}

const SQUARE = script(`
serveWorker((job, ctx) => {
  if (job.fail === "range") throw new RangeError("bad job " + job.x);
  if (job.fail === "bug") throw new Error("boom " + job.x);
  if (job.fail === "die") { setTimeout(() => { throw new Error("uncaught " + job.x); }); return new Promise(() => {}); }
  ctx.log("job " + ctx.index + " on worker " + ctx.worker);
  return { y: job.x * job.x + ctx.shared.add, worker: ctx.worker };
});`);

interface Job {
  x: number;
  fail?: "range" | "bug" | "die";
}
type Out = { y: number; worker: number };
type Shared = { add: number };

async function assertRejects<E extends Error>(f: () => Promise<unknown>, cls: new (...a: never[]) => E): Promise<E> {
  try {
    await f();
  } catch (e) {
    ok(e instanceof cls, `expected ${cls.name}, got ${e}`);
    return e as E;
  }
  throw new Error("expected a rejection");
}

const handler: WorkerHandler<Job, { y: number; worker: number }, { add: number }> = (job, ctx) => ({
  y: job.x * job.x + ctx.shared.add,
  worker: ctx.worker,
});

Deno.test("runOnWorkers: results in job order, same as in-process, all jobs reported", async () => {
  const jobs = Array.from({ length: 7 }, (_, x) => ({ x }));
  const events: WorkerProgress[] = [];
  const out = await runOnWorkers<Job, Out, Shared>(jobs, {
    workers: 3,
    script: SQUARE,
    shared: { add: 1 },
    onProgress: (e) => events.push(e),
  });
  assertEquals(out.map((r) => r.y), jobs.map((j) => j.x * j.x + 1));
  assertEquals(new Set(out.map((r) => r.worker)).size <= 3, true);
  const done = events.filter((e) => e.kind === "done");
  assertEquals(done.length, 7);
  assertEquals(done.at(-1)!.kind === "done" && done.at(-1)!.done, 7);
  assertEquals(events.filter((e) => e.kind === "log").length, 7);
  const inProcess = await runOnWorkers<Job, Out, Shared>(jobs, {
    workers: 1,
    script: SQUARE,
    shared: { add: 1 },
    handler,
  });
  assertEquals(inProcess.map((r) => r.y), out.map((r) => r.y));
  // one worker through the script (no handler given)
  const one = await runOnWorkers<Job, Out, Shared>(jobs.slice(0, 2), {
    workers: 1,
    script: SQUARE,
    shared: { add: 1 },
  });
  assertEquals(one.map((r) => r.y), [1, 2]);
  assertEquals(await runOnWorkers([], { workers: 2, script: SQUARE }), []);
  // costliest first on one worker: jobs run in cost order, results still in job order
  const ran: string[] = [];
  const byCost = await runOnWorkers<Job, Out, Shared>(jobs.slice(0, 4), {
    workers: 1,
    script: SQUARE,
    shared: { add: 0 },
    cost: (j) => j.x % 2,
    onProgress: (e) => e.kind === "log" && ran.push(e.job),
  });
  assertEquals(byCost.map((r) => r.y), [0, 1, 4, 9]);
  assertEquals(ran, ["1", "3", "0", "2"]);
});

Deno.test("runOnWorkers: a job error rejects with the job id and the worker's message, class kept", async () => {
  const jobs: Job[] = [{ x: 1 }, { x: 2, fail: "range" }, { x: 3 }];
  const e = await assertRejects(
    () =>
      runOnWorkers<Job, Out, Shared>(jobs, {
        workers: 2,
        script: SQUARE,
        shared: { add: 0 },
        jobId: (j) => `x=${j.x}`,
      }),
    RangeError,
  );
  assertEquals(/job x=2 \(worker \d\): RangeError: bad job 2/.test(e.message), true);
  const bug = await assertRejects(
    () => runOnWorkers<Job, Out, Shared>([{ x: 4, fail: "bug" }], { workers: 2, script: SQUARE, shared: { add: 0 } }),
    Error,
  );
  assertEquals(bug.message.includes("job 0 (worker 0): Error: boom 4"), true);
  const died = await assertRejects(
    () =>
      runOnWorkers<Job, Out, Shared>([{ x: 5 }, { x: 6, fail: "die" }], {
        workers: 2,
        script: SQUARE,
        shared: { add: 0 },
      }),
    Error,
  );
  assertEquals(died.message.includes("job 1"), true);
  assertEquals(died.message.includes("uncaught 6"), true);
  // in-process errors follow the same convention
  const local = await assertRejects(
    () =>
      runOnWorkers<Job, Out, Shared | undefined>([{ x: 1 }], {
        workers: 1,
        script: SQUARE,
        handler: () => {
          throw new TypeError("not a job");
        },
      }),
    TypeError,
  );
  assertEquals(local.message.includes("job 0 (worker in-process): TypeError: not a job"), true);
  await assertRejects(() => runOnWorkers([1], { workers: 0, script: SQUARE }), RangeError);
});
