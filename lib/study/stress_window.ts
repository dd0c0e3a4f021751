/**
 * A historical stress window of the real track: the MLP (every seed) and the
 * static benchmark are trained on the rows before the window (chronological;
 * the last `validShare` of them, at most `validMaxRows`, for early stopping; a
 * purge of h rows and an `embargo`) and then frozen through the window — no
 * refit inside it ({@link stressSplit}, {@link fitStressWindow}).
 *
 * @example
 * ```ts
 * import { fitStressWindow, stressSplit } from "./stress_window.ts";
 * import { buildCrudeStudy } from "./crude_study.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const s = buildCrudeStudy(makeCrudePanel(600, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, side: "long", features: ["rv_20d", "vix"],
 * });
 * const p = { mpor: 2, tau: 0.99, mMin: 0.8, mMax: 1.5, validShare: 0.2, validMaxRows: 100, embargo: 2,
 *   minTrain: 100, seeds: [1], netEpochs: 2, netBatch: 64, netLr: 0.01, netPatience: 2, mlpHidden: [4] };
 * const sp = stressSplit(s.dates, { name: "w", from: "2011-09-01", to: "2011-12-30" }, p);
 * const fit = await fitStressWindow(s, sp, p);
 * console.assert(fit.mlp[0].length === sp.test.end - sp.test.start);
 * ```
 * @module
 */
import { chronologicalSplit, type Split } from "./split.ts";
import { studyDataset, type StudyMatrix } from "./dataset.ts";
import { makeModel, type ModelParams } from "./model_factory.ts";

/** A named window `[from, to]` (ISO dates, inclusive). */
export interface StressWindow {
  name: string;
  from: string;
  to: string;
}

/** How the pre-window rows are split. */
export interface StressSplitOptions {
  /** MPOR h (the purge). */
  mpor: number;
  /** Share of the pre-window rows used for validation… */
  validShare: number;
  /** …but at most this many (the last ones). */
  validMaxRows: number;
  embargo: number;
  minTrain: number;
}

/**
 * The split of a stress window: train and validation before `from` (validation = the last `validShare` of
 * those rows, cut to the last `validMaxRows`), test = the window; at least 20 validation and 10 test rows.
 *
 * @throws {RangeError} when no sample row precedes the window, or from {@link chronologicalSplit}
 * @example
 * ```ts
 * import { stressSplit } from "./stress_window.ts";
 * import { businessDays } from "../market/synthetic_market.ts";
 * const dates = businessDays("2010-01-04", 600);
 * const sp = stressSplit(dates, { name: "w", from: "2011-09-01", to: "2011-12-30" },
 *   { mpor: 2, validShare: 0.5, validMaxRows: 50, embargo: 2, minTrain: 100 });
 * console.assert(sp.valid.end - sp.valid.start === 50 && dates[sp.test.start] >= "2011-09-01");
 * ```
 */
export function stressSplit(dates: readonly string[], w: StressWindow, p: StressSplitOptions): Split {
  const dayBefore = dates.filter((d) => d < w.from).at(-1);
  if (dayBefore === undefined) throw new RangeError(`window ${w.name}: no sample rows before ${w.from}`);
  const splitOpts = {
    trainEnd: dayBefore,
    validShare: p.validShare,
    horizon: p.mpor,
    embargo: p.embargo,
    testFrom: w.from,
    testTo: w.to,
    minTrain: p.minTrain,
    minValid: 20,
    minTest: 10,
  };
  const sp = chronologicalSplit(dates, splitOpts);
  // Long histories: validate on the last validMaxRows pre-window rows only (training runs closer to the window).
  if (sp.valid.end - sp.valid.start > p.validMaxRows) {
    return chronologicalSplit(dates, { ...splitOpts, validFrom: dates[sp.valid.end - p.validMaxRows] });
  }
  return sp;
}

/** The multipliers of a stress window's models. */
export interface StressFit {
  /** Static benchmark on the test rows. */
  static: Float64Array;
  /** The MLP on the test rows, one array per seed. */
  mlp: Float64Array[];
  /** Per seed, the MLP's multipliers of each probe matrix (`probes[seed][k]` for `probes[k]`). */
  probes: Float64Array[][];
}

/**
 * Fit the static benchmark (first seed) and the MLP (every seed) on a split's train/validation rows and
 * predict its test rows, plus any probe matrices (row-major, `study.d` columns; e.g. shocked feature rows)
 * with each seed's network.
 *
 * @example
 * ```ts
 * import { fitStressWindow } from "./stress_window.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * const s = testMatrix(600);
 * const sp = { train: { start: 0, end: 400 }, valid: { start: 400, end: 500 }, test: { start: 510, end: 600 } };
 * const p = { tau: 0.9, mMin: 0.5, mMax: 2, seeds: [1, 2], netEpochs: 1, netBatch: 64, netLr: 0.01, netPatience: 1,
 *   mlpHidden: [4] };
 * const fit = await fitStressWindow(s, sp, p, [Float64Array.of(0, 0, 1, 1)]);
 * console.assert(fit.mlp.length === 2 && fit.probes[1][0].length === 2); // two probe rows, second seed
 * ```
 */
export async function fitStressWindow(
  s: StudyMatrix,
  sp: Split,
  p: ModelParams & { seeds: readonly number[] },
  probes: readonly Float64Array[] = [],
): Promise<StressFit> {
  const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid), test = studyDataset(s, sp.test);
  const stat = makeModel("static", p, p.seeds[0]);
  await stat.fit(train, valid);
  const out: StressFit = { static: stat.predict(test.x), mlp: [], probes: [] };
  for (const seed of p.seeds) {
    const net = makeModel("mlp", p, seed);
    await net.fit(train, valid);
    out.mlp.push(net.predict(test.x));
    out.probes.push(probes.map((x) => net.predict(x)));
    net.dispose();
  }
  return out;
}
