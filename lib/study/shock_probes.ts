/**
 * Hypothetical-shock probes of a study: for each probe date, the sample's
 * feature row unshocked (`none`) and under each {@link featureShocks} shock,
 * stacked as one matrix a model can predict in one call.
 *
 * @example
 * ```ts
 * import { shockProbes } from "./shock_probes.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // features "a" and "b"
 * const s = testMatrix(50);
 * const [p] = shockProbes(s, [s.dates[3]], { volFeatures: ["a"], volFactor: 2, jumpSize: 0,
 *   jumpReturnFeatures: [], jumpVolWindows: [], ewmaLambda: 0.94, curveFeatures: ["b"] });
 * console.assert(p.keys[0] === "none" && p.x.length === p.keys.length * 2 && p.x[2] === 2 * s.x[6]);
 * ```
 * @module
 */
import { type FeatureShockOptions, featureShocks } from "../features/feature_shocks.ts";
import type { StudyMatrix } from "./dataset.ts";

/** One probe date: the row keys (`none`, then the shocks) and the stacked rows (`keys.length × d`). */
export interface ShockProbe {
  date: string;
  keys: string[];
  x: Float64Array;
}

/**
 * The shock probes of `dates` (each must be a sample date of `s`).
 *
 * @throws {RangeError} naming a date that is not a sample date, and the sample span
 * @example
 * ```ts
 * import { shockProbes } from "./shock_probes.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * const s = testMatrix(50);
 * const o = { volFeatures: [], volFactor: 1, jumpSize: 0, jumpReturnFeatures: [], jumpVolWindows: [],
 *   ewmaLambda: 0.94, curveFeatures: [] };
 * console.assert(shockProbes(s, [s.dates[0], s.dates[9]], o).length === 2);
 * ```
 */
export function shockProbes(s: StudyMatrix, dates: readonly string[], o: FeatureShockOptions): ShockProbe[] {
  return dates.map((dt) => {
    const t = s.dates.indexOf(dt);
    if (t < 0) throw new RangeError(`shockDates: ${dt} is not a sample date (${s.dates[0]}…${s.dates.at(-1)})`);
    const x = s.x.slice(t * s.d, (t + 1) * s.d);
    const sh = featureShocks(x, s.featureNames, o);
    const keys = ["none", ...Object.keys(sh)];
    const xs = new Float64Array(keys.length * s.d);
    xs.set(x, 0);
    Object.values(sh).forEach((v, k) => xs.set(v, (k + 1) * s.d));
    return { date: dt, keys, x: xs };
  });
}
