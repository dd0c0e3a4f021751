/**
 * How the networks of a batch of walk-forward fits trained: per reported model, the number of fits, how many kept
 * their last allowed epoch (`atCap`: early stopping never stopped them, so they may be under-trained), and the
 * distribution of kept and run epochs.
 * @module
 */
import type { FitJob, FitOutcome } from "./fit_jobs.ts";
import { NETWORK_KINDS } from "./model_factory.ts";
import { quantileSorted } from "../core/quantile.ts";
import { mean } from "../core/stats.ts";

/** One model's training record over its fits. */
export interface TrainingRecord {
  fits: number;
  /** Fits whose kept (best-validation) epoch is the epoch cap. */
  atCap: number;
  /** Kept epoch (1-based): median and maximum over fits. */
  bestEpoch: { median: number; max: number };
  /** Epochs run before early stopping: mean and maximum over fits. */
  epochsRun: { mean: number; max: number };
}

/** Every network model's record, and the totals. */
export interface TrainingSummary {
  cap: number;
  fits: number;
  bestEpochAtCap: number;
  models: Record<string, TrainingRecord>;
}

/**
 * Summarize the network fits of `jobs` (those of kind `kinds`) against the epoch cap `cap`.
 *
 * @throws {RangeError} when `jobs` and `outcomes` differ in length, `cap` is not a positive integer, or a kept epoch
 * is outside 1…epochs run
 * @example
 * ```ts
 * import { trainingSummary } from "./training_summary.ts";
 * const job = { data: "long", fold: 0, model: "mlp", kind: "mlp" as const, seed: 1, features: ["x"] };
 * const s = trainingSummary([job, { ...job, seed: 2 }], [
 *   { m: new Float64Array(0), epochs: 12, bestEpoch: 7 },
 *   { m: new Float64Array(0), epochs: 20, bestEpoch: 20 },
 * ], 20);
 * console.assert(s.bestEpochAtCap === 1 && s.models.mlp.bestEpoch.max === 20 && s.models.mlp.epochsRun.mean === 16);
 * ```
 */
export function trainingSummary(
  jobs: readonly FitJob[],
  outcomes: readonly FitOutcome[],
  cap: number,
  kinds: readonly string[] = NETWORK_KINDS,
): TrainingSummary {
  if (jobs.length !== outcomes.length) {
    throw new RangeError(`trainingSummary: ${outcomes.length} outcomes for ${jobs.length} jobs`);
  }
  if (!Number.isInteger(cap) || cap < 1) {
    throw new RangeError(`trainingSummary: cap must be a positive integer, got ${cap}`);
  }
  const by = new Map<string, { best: number[]; run: number[] }>();
  jobs.forEach((j, k) => {
    if (!kinds.includes(j.kind)) return;
    const o = outcomes[k];
    if (!Number.isInteger(o.bestEpoch) || o.bestEpoch < 1 || o.bestEpoch > o.epochs) {
      throw new RangeError(
        `trainingSummary: ${j.model} seed ${j.seed} fold ${j.fold}: kept epoch ${o.bestEpoch} outside 1…${o.epochs}`,
      );
    }
    const r = by.get(j.model) ?? { best: [], run: [] };
    r.best.push(o.bestEpoch);
    r.run.push(o.epochs);
    by.set(j.model, r);
  });
  const models: Record<string, TrainingRecord> = {};
  let fits = 0, atCapAll = 0;
  for (const [model, { best, run }] of by) {
    const sorted = [...best].sort((a, b) => a - b), n = sorted.length;
    const atCap = best.filter((b) => b >= cap).length;
    models[model] = {
      fits: n,
      atCap,
      bestEpoch: { median: quantileSorted(sorted, 0.5), max: sorted[n - 1] },
      epochsRun: { mean: mean(run), max: Math.max(...run) },
    };
    fits += n;
    atCapAll += atCap;
  }
  return { cap, fits, bestEpochAtCap: atCapAll, models };
}
