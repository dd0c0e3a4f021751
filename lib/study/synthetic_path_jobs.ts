/**
 * Synthetic market paths built on `lib/pipeline`'s worker pool: one job per seed, each path built by
 * {@link buildSyntheticPath} from the seed and the shared parameters alone, so a path is the same bytes whichever
 * worker (or the main process, with one worker) builds it, and the paths come back in seed order.
 *
 * @example
 * ```ts
 * import { buildSyntheticPaths } from "./synthetic_path_jobs.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 400,
 *   synthSeeds: [7], synthPaths: 50, synthModels: ["static"], synthForward: [], synthFolds: 1, synthTestShare: 0.3 };
 * const [path] = await buildSyntheticPaths(p, { workers: 1, script: new URL("./synthetic_path_jobs.ts", import.meta.url) });
 * console.assert(path.seed === 7);
 * ```
 * @module
 */
import { runOnWorkers, type WorkerContext } from "../pipeline/workers.ts";
import { buildSyntheticPath, type SyntheticParams, type SyntheticPath } from "./synthetic_path.ts";

/**
 * The worker handler: the path of one seed (`shared` = the synthetic-track parameters).
 *
 * @example
 * ```ts
 * import { syntheticSeedPathHandler } from "./synthetic_path_jobs.ts";
 * const shared = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 400,
 *   synthSeeds: [7], synthPaths: 50, synthModels: ["static"], synthForward: [], synthFolds: 1, synthTestShare: 0.3 };
 * syntheticSeedPathHandler(7, { shared, index: 0, worker: 0, log: () => {} }).seed; // 7
 * ```
 */
export function syntheticSeedPathHandler(seed: number, ctx: WorkerContext<SyntheticParams>): SyntheticPath {
  return buildSyntheticPath(ctx.shared, seed);
}

/**
 * Build the paths of `p.synthSeeds` (none when `p.synthDays` is 0) on `workers` workers running `script` (a module
 * that calls `serveWorker(syntheticSeedPathHandler)`); results in seed order.
 *
 * @throws {RangeError} from {@link buildSyntheticPath} (e.g. an unknown `synthForward` feature), naming the seed's job
 * @example
 * ```ts
 * import { buildSyntheticPaths } from "./synthetic_path_jobs.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 0,
 *   synthSeeds: [7], synthPaths: 50, synthModels: ["static"], synthForward: [], synthFolds: 1, synthTestShare: 0.3 };
 * (await buildSyntheticPaths(p, { workers: 1, script: "unused.ts" })).length; // 0
 * ```
 */
export async function buildSyntheticPaths(
  p: SyntheticParams,
  opts: { workers: number; script: URL | string },
): Promise<SyntheticPath[]> {
  if (p.synthDays <= 0) return [];
  return await runOnWorkers(p.synthSeeds, {
    workers: Math.min(opts.workers, p.synthSeeds.length),
    script: opts.script,
    shared: p,
    handler: syntheticSeedPathHandler,
    jobId: (seed) => `synthetic path ${seed}`,
    progressLabel: "paths",
  });
}
