/**
 * One worker pool for the stages that use both cores (tfjs wasm and the
 * SPAN 2-like labelling are single-threaded): {@link runOnWorkers} deals a
 * list of independent jobs to Deno workers running a script that calls
 * {@link serveWorker}, and returns the results in job order.
 *
 * - Each worker first receives `shared` (once), then one job at a time: a
 *   worker that finishes takes the next job (in list order, or by decreasing
 *   `cost` when given: longest first). Results must not depend on which
 *   worker ran a job (seed every job on its own).
 * - `workers: 1` with a `handler` runs the jobs in this process, in order
 *   (no worker, same results).
 * - One error convention: a job that throws (or a worker that dies) rejects
 *   the whole run with an error naming the script, the job id and the
 *   worker's message (`RangeError`/`TypeError` keep their class, so input
 *   errors stay input errors); every worker is terminated first.
 * - `onProgress` receives the handler's log lines and one event per finished
 *   job (progress only: never put its `seconds` into results); the count of
 *   finished jobs also goes to `progress.ts`, whose heartbeat the stage
 *   harness prints every 30 s on stderr.
 *
 * The worker script must be in the stage's import closure: import its
 * handler (or at least its types) from `main.ts`.
 *
 * @example
 * ```ts
 * import { runOnWorkers, type WorkerHandler } from "./workers.ts";
 * const square: WorkerHandler<number, number, { add: number }> = (x, ctx) => x * x + ctx.shared.add;
 * // in-process (workers: 1 with the handler); a script calling serveWorker(square) runs it on workers
 * const out = await runOnWorkers([1, 2, 3], {
 *   workers: 1,
 *   script: new URL("./square_worker.ts", import.meta.url),
 *   shared: { add: 1 },
 *   handler: square,
 * });
 * console.assert(out.join() === "2,5,10");
 * ```
 * @module
 */

import { trackPool } from "./progress.ts";

/** What a handler receives besides its job. */
export interface WorkerContext<S> {
  /** The `shared` value of the run (sent to each worker once). */
  shared: S;
  /** Index of the job in the run's list. */
  index: number;
  /** Worker number (0-based; 0 in-process). */
  worker: number;
  /** Progress line (goes to `onProgress` as a "log" event). */
  log: (message: string) => void;
}

/** A job handler: job → structured-cloneable result. */
export type WorkerHandler<J, R, S = undefined> = (job: J, ctx: WorkerContext<S>) => R | Promise<R>;

/** A pool event: a handler's log line, or a finished job. */
export type WorkerProgress =
  | { kind: "log"; worker: number; job: string; message: string }
  | { kind: "done"; worker: number; job: string; done: number; total: number; seconds: number };

/** Options of {@link runOnWorkers}. */
export interface RunOnWorkersOptions<J, R, S> {
  /** Number of workers (integer >= 1); fewer are started when there are fewer jobs. */
  workers: number;
  /** The worker module (it calls {@link serveWorker}). */
  script: URL | string;
  /** Sent to every worker once, before its first job. */
  shared?: S;
  /** The script's handler: with `workers: 1` the jobs run in this process through it. */
  handler?: WorkerHandler<J, R, S>;
  /** Dispatch the costliest jobs first (ties in list order); results stay in job order. */
  cost?: (job: J, index: number) => number;
  /** A job's id in errors and progress (default: its index). */
  jobId?: (job: J, index: number) => string;
  /** Log lines and finished jobs. */
  onProgress?: (event: WorkerProgress) => void;
  /** What the jobs are in heartbeat lines (`fits 312/934, ETA 4m10s`; default "jobs"). */
  progressLabel?: string;
}

type ToWorker<J, S> = { kind: "init"; shared: S; worker: number } | { kind: "job"; index: number; job: J };
type FromWorker<R> =
  | { kind: "log"; index: number; message: string }
  | { kind: "result"; index: number; result: R; seconds: number }
  | { kind: "error"; index: number; name: string; message: string; stack?: string };

function errorClass(name: string): ErrorConstructor {
  return name === "RangeError" ? RangeError : name === "TypeError" ? TypeError : Error;
}

function scriptName(script: URL | string): string {
  const s = String(script);
  return s.slice(s.lastIndexOf("/", s.lastIndexOf("/") - 1) + 1);
}

/**
 * Run `jobs` on `workers` Deno workers (or in this process, see the module doc);
 * resolves to the results in job order.
 *
 * @throws {RangeError} when `workers` is not an integer >= 1
 * @throws the first job error (class kept for RangeError/TypeError), naming the script, job id and worker
 * @example
 * ```ts
 * import { runOnWorkers } from "./workers.ts";
 * const out = await runOnWorkers(["a", "bb"], {
 *   workers: 1,
 *   script: "./len_worker.ts",
 *   handler: (s: string) => s.length,
 *   onProgress: (e) => e.kind === "done" && console.log(`${e.done}/${e.total}`),
 * });
 * console.assert(out[1] === 2);
 * ```
 */
export async function runOnWorkers<J, R, S = undefined>(
  jobs: readonly J[],
  opts: RunOnWorkersOptions<J, R, S>,
): Promise<R[]> {
  // the stage harness's heartbeat reads the pool's progress (stderr only: `fits 312/934, ETA 4m10s`)
  const tracker = trackPool(jobs.length, opts.progressLabel);
  const onProgress = (e: WorkerProgress) => {
    if (e.kind === "done") tracker.done(e.done);
    opts.onProgress?.(e);
  };
  try {
    return await runPool(jobs, { ...opts, onProgress });
  } finally {
    tracker.end();
  }
}

async function runPool<J, R, S = undefined>(
  jobs: readonly J[],
  opts: RunOnWorkersOptions<J, R, S>,
): Promise<R[]> {
  const { workers, script, handler, onProgress } = opts;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`runOnWorkers: workers must be an integer >= 1, got ${workers}`);
  }
  const name = scriptName(script);
  const idOf = (k: number) => (opts.jobId ? opts.jobId(jobs[k], k) : String(k));
  const fail = (k: number, worker: number | string, errName: string, message: string) =>
    new (errorClass(errName))(`${name}: job ${idOf(k)} (worker ${worker}): ${errName}: ${message}`);
  const results = new Array<R>(jobs.length);
  if (jobs.length === 0) return results;

  if (workers === 1 && handler !== undefined) {
    for (let k = 0; k < jobs.length; k++) {
      const t0 = performance.now();
      const log = (message: string) => onProgress?.({ kind: "log", worker: 0, job: idOf(k), message });
      try {
        results[k] = await handler(jobs[k], { shared: opts.shared as S, index: k, worker: 0, log });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        throw fail(k, "in-process", err.name, err.message);
      }
      const seconds = (performance.now() - t0) / 1000;
      onProgress?.({ kind: "done", worker: 0, job: idOf(k), done: k + 1, total: jobs.length, seconds });
    }
    return results;
  }

  const href = script instanceof URL ? script.href : new URL(script, `file://${Deno.cwd()}/`).href;
  const n = Math.min(workers, jobs.length);
  const order = jobs.map((_, k) => k);
  if (opts.cost) {
    const c = jobs.map((j, k) => opts.cost!(j, k));
    order.sort((a, b) => c[b] - c[a] || a - b);
  }
  const pool: Worker[] = [];
  return await new Promise<R[]>((resolve, reject) => {
    let next = 0, done = 0, settled = false;
    const current = new Array<number>(n).fill(-1);
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker, id: number) => {
      if (next >= jobs.length) {
        current[id] = -1;
        return;
      }
      const k = order[next++];
      current[id] = k;
      w.postMessage({ kind: "job", index: k, job: jobs[k] } satisfies ToWorker<J, S>);
    };
    for (let id = 0; id < n; id++) {
      const w = new Worker(href, { type: "module" });
      pool.push(w);
      w.onmessage = (e: MessageEvent<FromWorker<R>>) => {
        if (settled) return;
        const m = e.data;
        if (m.kind === "log") onProgress?.({ kind: "log", worker: id, job: idOf(m.index), message: m.message });
        else if (m.kind === "error") {
          // input errors (RangeError/TypeError) carry their message only; a bug also its stack
          const input = m.name === "RangeError" || m.name === "TypeError";
          finish(
            fail(
              m.index,
              id,
              m.name,
              input || !m.stack ? m.message : `${m.message}\n${m.stack.split("\n").slice(1).join("\n")}`,
            ),
          );
        } else {
          results[m.index] = m.result;
          done++;
          onProgress?.({
            kind: "done",
            worker: id,
            job: idOf(m.index),
            done,
            total: jobs.length,
            seconds: m.seconds,
          });
          if (done === jobs.length) finish();
          else feed(w, id);
        }
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        const k = current[id];
        finish(fail(k < 0 ? order[Math.min(next, jobs.length - 1)] : k, id, "Error", `worker died: ${e.message}`));
      };
      w.onmessageerror = () =>
        finish(fail(Math.max(0, current[id]), id, "Error", "a message could not be deserialized"));
      w.postMessage({ kind: "init", shared: opts.shared as S, worker: id } satisfies ToWorker<J, S>);
      feed(w, id);
    }
  });
}

/**
 * Serve `handler` when this module runs as a Deno worker started by
 * {@link runOnWorkers}; does nothing elsewhere (so the script can also be
 * imported for its handler and types). A handler error is sent back with its
 * class name and message.
 *
 * @example
 * ```ts
 * import { serveWorker, type WorkerHandler } from "./workers.ts";
 * export const double: WorkerHandler<number, number> = (x) => 2 * x;
 * serveWorker(double); // no-op outside a worker
 * ```
 */
export function serveWorker<J, R, S = undefined>(handler: WorkerHandler<J, R, S>): void {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  if (typeof g.WorkerGlobalScope === "undefined" || !(g instanceof g.WorkerGlobalScope)) return;
  let shared: S;
  let worker = 0;
  // jobs arrive one at a time; a chain keeps them in order even if the handler awaits
  let chain: Promise<void> = Promise.resolve();
  g.onmessage = (e: MessageEvent<ToWorker<J, S>>) => {
    const m = e.data;
    if (m.kind === "init") {
      shared = m.shared;
      worker = m.worker;
      return;
    }
    chain = chain.then(async () => {
      const index = m.index;
      const log = (message: string) => g.postMessage({ kind: "log", index, message } satisfies FromWorker<R>);
      const t0 = performance.now();
      try {
        const result = await handler(m.job, { shared, index, worker, log });
        const seconds = (performance.now() - t0) / 1000;
        g.postMessage({ kind: "result", index, result, seconds } satisfies FromWorker<R>);
      } catch (err) {
        const x = err instanceof Error ? err : new Error(String(err));
        g.postMessage(
          { kind: "error", index, name: x.name, message: x.message, stack: x.stack } satisfies FromWorker<R>,
        );
      }
    });
  };
}
