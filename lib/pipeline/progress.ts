/**
 * Progress of long parallel work, for humans on stderr (never in results): the worker pool (`runOnWorkers`) reports
 * how many of its jobs are done to the process-wide {@link trackPool}, and the stage harness runs a
 * {@link startHeartbeat} that every 30 s logs `fits 312/934, ETA 4m10s` (or `still running` when no pool is busy).
 * `formatEta` is the ETA arithmetic (remaining jobs at the mean rate so far).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heartbeatLine, trackPool } from "./progress.ts";
 * let t = 0;
 * const pool = trackPool(10, "fits", () => t);
 * t = 20_000;
 * pool.done(4); // 4 of 10 after 20 s: 6 left at 5 s each
 * assert.equal(heartbeatLine(() => t), "fits 4/10, ETA 30s");
 * pool.end();
 * assert.equal(heartbeatLine(() => t), "still running");
 * ```
 * @module
 */

/** Seconds as `45s`, `4m10s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** `done/total, ETA …` from the elapsed seconds (ETA unknown until the first job is done). */
export function formatEta(done: number, total: number, elapsedSeconds: number): string {
  if (done <= 0) return `${done}/${total}, ETA unknown`;
  return `${done}/${total}, ETA ${formatDuration((elapsedSeconds / done) * (total - done))}`;
}

interface Pool {
  label: string;
  total: number;
  done: number;
  startMs: number;
}

const pools = new Set<Pool>();

/** A handle on one running pool. */
export interface PoolTracker {
  /** `n` jobs are done so far. */
  done(n: number): void;
  /** The pool finished (or failed). */
  end(): void;
}

/**
 * Register a pool of `total` jobs (named `label` in heartbeat lines) until `end()`.
 * @param now milliseconds clock (default `performance.now`; tests pass their own)
 */
export function trackPool(total: number, label = "jobs", now: () => number = () => performance.now()): PoolTracker {
  const p: Pool = { label, total, done: 0, startMs: now() };
  pools.add(p);
  return {
    done: (n) => void (p.done = n),
    end: () => void pools.delete(p),
  };
}

/** The heartbeat text: every busy pool as `label k/K, ETA …` (joined by `; `), or `still running` when none is. */
export function heartbeatLine(now: () => number = () => performance.now()): string {
  if (pools.size === 0) return "still running";
  return [...pools].map((p) => `${p.label} ${formatEta(p.done, p.total, (now() - p.startMs) / 1000)}`).join("; ");
}

/**
 * Call `log(heartbeatLine())` every `intervalMs` (default 30 s) until the returned stop function is called. The
 * timer does not keep the process alive.
 *
 * @example
 * ```ts
 * import { startHeartbeat } from "./progress.ts";
 * const stop = startHeartbeat((line) => console.error(line), 30_000);
 * stop();
 * ```
 */
export function startHeartbeat(log: (line: string) => void, intervalMs = 30_000): () => void {
  const id = setInterval(() => log(heartbeatLine()), intervalMs);
  Deno.unrefTimer(id);
  return () => clearInterval(id);
}
