/**
 * Walk-forward folds (docs/architecture.md §1.5: "walk-forward (rolling re-fit) as the
 * headline protocol"): a list of chronological splits, one per re-fit, each
 * built by {@link chronologicalSplit} (purge of h rows, embargo, chronological
 * validation tail). Two layouts:
 *
 * - {@link yearlyFolds}: one fold per calendar test year (the real track);
 * - {@link blockFolds}: the last `testShare` of the rows cut into equal blocks
 *   (the synthetic track, whose dates carry no calendar meaning).
 *
 * The folds' test rows, in order, are the evaluation sample ({@link foldRows});
 * per-fold predictions are joined with {@link concatFolds}.
 *
 * @example
 * ```ts
 * import { foldRows, yearlyFolds } from "./walk_forward.ts";
 * import { businessDays } from "../market/synthetic_market.ts";
 * const dates = businessDays("2015-01-02", 1500); // to 2020
 * const folds = yearlyFolds(dates, { years: [2018, 2019], horizon: 2, embargo: 2, validShare: 0.2 });
 * const evalRows = foldRows(folds); // test rows of 2018, then of 2019
 * console.assert(dates[evalRows[0]] >= "2018-01-01" && dates[evalRows[evalRows.length - 1]] <= "2019-12-31");
 * ```
 * @module
 */
import { chronologicalSplit, type Split } from "./split.ts";

/** One re-fit of a walk-forward: an id (the test year, or the block number from 1) and its split. */
export interface Fold {
  id: number;
  split: Split;
}

/** Options shared by the fold layouts. */
export interface FoldOptions {
  /** Label horizon h in rows (the MPOR). */
  horizon: number;
  /** Rows dropped after the last realised pre-test label. */
  embargo: number;
  /** Chronological share of the pre-test rows held out for validation, in (0, 1). */
  validShare: number;
  /** Fewest training rows per fold (default: that of {@link chronologicalSplit}, 50). */
  minTrain?: number;
}

/**
 * One fold per test year: test on the rows dated in the year, train and validate
 * on every earlier row whose label is realised `embargo` rows before the year starts.
 *
 * @throws {RangeError} on an empty year list, a year without sample rows or a fold with too few
 *   training or validation rows (naming the year)
 * @example
 * ```ts
 * import { businessDays } from "../market/synthetic_market.ts";
 * const f = yearlyFolds(businessDays("2015-01-02", 1500), { years: [2019], horizon: 2, embargo: 2, validShare: 0.2, minTrain: 250 });
 * console.assert(f[0].id === 2019);
 * ```
 */
export function yearlyFolds(dates: readonly string[], o: FoldOptions & { years: readonly number[] }): Fold[] {
  if (!Array.isArray(o.years) || o.years.length === 0) throw new RangeError("yearlyFolds: no test years");
  return o.years.map((y) => {
    if (!Number.isInteger(y)) throw new RangeError(`yearlyFolds: test year must be an integer, got ${y}`);
    try {
      const split = chronologicalSplit(dates, {
        trainEnd: `${y - 1}-12-31`,
        validShare: o.validShare,
        horizon: o.horizon,
        embargo: o.embargo,
        testFrom: `${y}-01-01`,
        testTo: `${y}-12-31`,
        minTrain: o.minTrain,
      });
      return { id: y, split };
    } catch (e) {
      if (e instanceof RangeError) throw new RangeError(`yearlyFolds: test year ${y}: ${e.message}`);
      throw e;
    }
  });
}

/**
 * `blocks` folds over the last `testShare` of the rows: the test rows
 * `[⌊n(1 − testShare)⌋, n)` cut into equal blocks (the last takes the remainder),
 * each trained and validated on the rows before it.
 *
 * @throws {RangeError} on a block count < 1, a share outside (0, 1), more blocks than test rows, or a fold
 *   with too few training or validation rows
 * @example
 * ```ts
 * import { businessDays } from "../market/synthetic_market.ts";
 * const f = blockFolds(businessDays("2030-01-01", 1000), { blocks: 4, testShare: 0.4, horizon: 2, embargo: 2, validShare: 0.2 });
 * console.assert(f.map((x) => x.id).join() === "1,2,3,4" && f[0].split.test.start === 600);
 * ```
 */
export function blockFolds(
  dates: readonly string[],
  o: FoldOptions & { blocks: number; testShare: number },
): Fold[] {
  const n = dates.length;
  if (!Number.isInteger(o.blocks) || o.blocks < 1) {
    throw new RangeError(`blockFolds: blocks must be an integer >= 1, got ${o.blocks}`);
  }
  if (!(o.testShare > 0 && o.testShare < 1)) {
    throw new RangeError(`blockFolds: testShare must be in (0, 1), got ${o.testShare}`);
  }
  const testStart = Math.floor(n * (1 - o.testShare));
  const block = Math.floor((n - testStart) / o.blocks);
  if (block < 1) throw new RangeError(`blockFolds: ${o.blocks} blocks but only ${n - testStart} test rows`);
  const out: Fold[] = [];
  for (let k = 0; k < o.blocks; k++) {
    const a = testStart + k * block, b = k === o.blocks - 1 ? n : a + block;
    try {
      const split = chronologicalSplit(dates, {
        trainEnd: dates[a - 1],
        validShare: o.validShare,
        horizon: o.horizon,
        embargo: o.embargo,
        testFrom: dates[a],
        testTo: dates[b - 1],
        minTrain: o.minTrain,
      });
      out.push({ id: k + 1, split });
    } catch (e) {
      if (e instanceof RangeError) throw new RangeError(`blockFolds: block ${k + 1}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/**
 * The test rows of every fold, fold after fold (the pooled evaluation sample).
 *
 * @example
 * ```ts
 * const rows = foldRows([{ id: 1, split: { train: { start: 0, end: 5 }, valid: { start: 6, end: 8 }, test: { start: 10, end: 12 } } }]);
 * console.assert(rows.join() === "10,11");
 * ```
 */
export function foldRows(folds: readonly Fold[]): number[] {
  const out: number[] = [];
  for (const f of folds) for (let i = f.split.test.start; i < f.split.test.end; i++) out.push(i);
  return out;
}

/**
 * Per-fold series joined in fold order (their total length must be `n` when given).
 *
 * @throws {RangeError} when the total length differs from `n`
 * @example
 * ```ts
 * console.assert(concatFolds([Float64Array.of(1, 2), Float64Array.of(3)]).join() === "1,2,3");
 * ```
 */
export function concatFolds(parts: readonly Float64Array[], n?: number): Float64Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  if (n !== undefined && total !== n) throw new RangeError(`concatFolds: parts hold ${total} rows, expected ${n}`);
  const out = new Float64Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
