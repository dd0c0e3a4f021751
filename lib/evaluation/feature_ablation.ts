/**
 * A feature ablation on the pinball loss: the same model and seeds fitted with
 * the full feature set and with a reduced one (e.g. without the
 * forward-looking features). Reported "full minus reduced": the per-seed
 * difference in mean pinball loss (summarised over seeds), the number of seeds
 * where the full set is better, and a Diebold–Mariano test of the two seed
 * ensembles.
 *
 * @example
 * ```ts
 * import { featureAblation } from "./feature_ablation.ts";
 * const s = Float64Array.from({ length: 600 }, (_, i) => 0.2 + 0.15 * Math.sin(i / 40));
 * const r = Float64Array.from(s, (v, i) => v * 2.5 * Math.sin(i * 1.7));
 * const full = [1, 2].map((k) => Float64Array.from(s, (v) => 2.4 * v * (1 + 0.01 * k))); // tracks the quantile
 * const reduced = [1, 2].map((k) => new Float64Array(600).fill(0.7 + 0.01 * k)); // a constant
 * const a = featureAblation({ r, full, reduced, tau: 0.99, mpor: 2 });
 * console.assert(a.fullBetterSeeds === a.pinballDiff.n);
 * ```
 * @module
 */
import { pinballLosses as pinballLoss } from "../targets/pinball_loss.ts";
import { pinballDm } from "./pinball_dm.ts";
import { seedEnsemble } from "./seed_ensemble.ts";
import { summarise, type Summary } from "./summarise.ts";

/** Inputs of {@link featureAblation}: per-seed multiplier series, in the same seed order. */
export interface AblationInput {
  /** Ratio target of the evaluation rows. */
  r: Float64Array;
  /** Runs with the full feature set, one per seed. */
  full: readonly Float64Array[];
  /** Runs with the reduced feature set, one per seed (same seeds, same order). */
  reduced: readonly Float64Array[];
  tau: number;
  /** MPOR h (Newey–West lag). */
  mpor: number;
}

/** Result of {@link featureAblation}. */
export interface AblationResult {
  /** Per seed: mean over rows of (pinball_full − pinball_reduced). */
  pinballDiff: Summary;
  /** Seeds where the full set has the lower mean pinball loss. */
  fullBetterSeeds: number;
  /** DM statistic and p-value of the full-set ensemble against the reduced-set ensemble. */
  ensDmStat: number;
  ensDmP: number;
}

/**
 * Compare full- and reduced-feature runs.
 *
 * @throws {RangeError} on no runs, different seed counts or lengths
 * @example
 * ```ts
 * const s = Float64Array.from({ length: 600 }, (_, i) => 0.2 + 0.15 * Math.sin(i / 40));
 * const r = Float64Array.from(s, (v, i) => v * 2.5 * Math.sin(i * 1.7));
 * const full = [1, 2].map((k) => Float64Array.from(s, (v) => 2.4 * v * (1 + 0.01 * k))); // tracks the quantile
 * const reduced = [1, 2].map((k) => new Float64Array(600).fill(0.7 + 0.01 * k)); // a constant
 * const a = featureAblation({ r, full, reduced, tau: 0.99, mpor: 2 });
 * console.assert(a.pinballDiff.mean < 0); // the full set is better on average
 * ```
 */
export function featureAblation(a: AblationInput): AblationResult {
  if (a.full.length === 0 || a.full.length !== a.reduced.length) {
    throw new RangeError(
      `featureAblation: need the same number (> 0) of runs, got ${a.full.length} and ${a.reduced.length}`,
    );
  }
  const perSeed = a.full.map((m, k) => {
    const pa = pinballLoss(a.r, m, a.tau), pb = pinballLoss(a.r, a.reduced[k], a.tau);
    let d = 0;
    for (let i = 0; i < pa.length; i++) d += (pa[i] - pb[i]) / pa.length;
    return d;
  });
  const dm = pinballDm(a.r, seedEnsemble(a.full), seedEnsemble(a.reduced), a.tau, a.mpor);
  return {
    pinballDiff: summarise(perSeed),
    fullBetterSeeds: perSeed.filter((d) => d < 0).length,
    ensDmStat: dm.stat,
    ensDmP: dm.pValue,
  };
}
