/**
 * e04 fit worker: runs a part of the walk-forward fit jobs (`lib/study`
 * `runFitJobs`) in a Deno Worker, so that the two cores fit different folds
 * and seeds at once (tfjs wasm is single-threaded). Every job is seeded on its
 * own, so the outcomes do not depend on how the jobs are dealt to workers.
 * @module
 */
import { type FitBatch, type FitOutcome, partitionBatch, runFitJobs } from "../../../lib/study/mod.ts";

/** What a worker sends back: one outcome per job of its part, and the seconds each fit took. */
export interface FitReply {
  outcomes?: FitOutcome[];
  seconds?: number[];
  error?: string;
}

/** Run a batch in this process; returns the outcomes and the seconds of each fit. */
export async function runBatch(batch: FitBatch): Promise<{ outcomes: FitOutcome[]; seconds: number[] }> {
  const seconds: number[] = [];
  let t = performance.now();
  const outcomes = await runFitJobs(batch, () => {
    const now = performance.now();
    seconds.push((now - t) / 1000);
    t = now;
  });
  return { outcomes, seconds };
}

function runInWorker(batch: FitBatch, id: number): Promise<{ outcomes: FitOutcome[]; seconds: number[] }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
    w.onmessage = (e: MessageEvent<FitReply>) => {
      w.terminate();
      const err = e.data.error;
      // Input errors keep their class (the harness prints their message without a stack).
      if (err) reject(new (err.startsWith("RangeError") ? RangeError : Error)(`e04 worker ${id}: ${err}`));
      else resolve({ outcomes: e.data.outcomes!, seconds: e.data.seconds! });
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      reject(new Error(`e04 worker ${id}: ${e.message}`));
    };
    w.postMessage(batch);
  });
}

/**
 * Run a batch on `workers` workers (in this process when 1), jobs dealt round-robin;
 * outcomes and seconds come back in the batch's job order.
 */
export async function runParallel(
  batch: FitBatch,
  workers: number,
): Promise<{ outcomes: FitOutcome[]; seconds: number[] }> {
  if (workers === 1) return await runBatch(batch);
  const { batches, index } = partitionBatch(batch, workers);
  const parts = await Promise.all(batches.map((b, id) => runInWorker(b, id)));
  const outcomes = new Array<FitOutcome>(batch.jobs.length), seconds = new Array<number>(batch.jobs.length);
  parts.forEach((part, p) =>
    index[p].forEach((k, j) => {
      outcomes[k] = part.outcomes[j];
      seconds[k] = part.seconds[j];
    })
  );
  return { outcomes, seconds };
}

// deno-lint-ignore no-explicit-any
const self_ = globalThis as any;
if (typeof self_.WorkerGlobalScope !== "undefined" && self_ instanceof self_.WorkerGlobalScope) {
  self_.onmessage = async (e: MessageEvent<FitBatch>) => {
    try {
      self_.postMessage(await runBatch(e.data) satisfies FitReply);
    } catch (err) {
      self_.postMessage({ error: `${(err as Error).name}: ${(err as Error).message}` } satisfies FitReply);
    }
    self_.close();
  };
}
