/**
 * Leakage check of the DeepMargin splits (issue 15): validation/test portfolios identical to a training portfolio —
 * the same positions with the same quantities on the same market date — whose labels the model has seen. The
 * seeded generator draws few positions from a finite grid, so small portfolios repeat: a copy in the test set is
 * scored on a label the model was fitted to.
 *
 * Identity is decided on a canonical key of (market day, positions); {@link PortfolioMatch} says how positions
 * compare:
 * - `"multiset"` (default): the same position tuples (type, underlying, quantity, expiry, strike, style), in any
 *   order — the same portfolio as a margin engine sees it;
 * - `"ordered"`: the same tuples in the same order (exactly the same row);
 * - `"netted"`: the same net quantity per instrument (lines of one instrument summed, zero nets dropped) — the
 *   same risk even when written differently.
 *
 * On the e05 full dataset (`dataset.full.json`, sha256 d12923a0…, the one e05's committed manifest names): 12 of
 * 10,000 test and 3 of 10,000 validation portfolios are copies of training portfolios (every rule gives the same
 * counts), all single-position portfolios; none out-of-time (other dates); 99,962 distinct of 100,000 training
 * portfolios. The quick dataset has none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findDuplicatePortfolios } from "./duplicate_portfolios.ts";
 * const rows = [
 *   { set: "train", day: 5, positions: [[0, 0, 2, 0.1, 0, 0], [1, 0, -1, 0.1, 70, 1]] },
 *   { set: "test", day: 5, positions: [[1, 0, -1, 0.1, 70, 1], [0, 0, 2, 0.1, 0, 0]] }, // same, reordered
 *   { set: "test", day: 6, positions: [[0, 0, 2, 0.1, 0, 0], [1, 0, -1, 0.1, 70, 1]] }, // another date
 * ] as const;
 * const d = findDuplicatePortfolios(rows);
 * assert.deepEqual(d.sets.test.rows, [1]);
 * assert.deepEqual(d.sets.test.matches, [[1, 0]]);
 * ```
 * @module
 */

/** How positions compare (see the module doc). */
export type PortfolioMatch = "multiset" | "ordered" | "netted";

/** What {@link findDuplicatePortfolios} reads of a row (a `LabelledPortfolio` fits). */
export interface PortfolioRow {
  /** Split name. */
  readonly set: string;
  /** Market day (panel row). */
  readonly day: number;
  /** Position tuples `[type, underlying, quantity, expiry, strike, style]` (`dataset.ts` `PositionTuple`). */
  readonly positions: readonly (readonly number[])[];
}

/** Options of {@link findDuplicatePortfolios}. */
export interface DuplicateOptions {
  /** The split whose portfolios the others are checked against. Default `"train"`. */
  reference?: string;
  /** Splits to check. Default: every split of the rows but the reference, in first-appearance order. */
  sets?: readonly string[];
  /** How positions compare. Default `"multiset"`. */
  match?: PortfolioMatch;
}

/** Duplicates of one checked split. */
export interface SetDuplicates {
  /** Portfolios in the split. */
  n: number;
  /** Its portfolios identical to a reference portfolio (= `rows.length`). */
  duplicates: number;
  /** Row indices (into the input) of those portfolios, ascending. */
  rows: number[];
  /** `[row, first identical reference row]` per duplicate. */
  matches: [number, number][];
  /** Portfolios identical to an earlier portfolio of the same split (repeats within the split). */
  withinSet: number;
}

/** Result of {@link findDuplicatePortfolios}. */
export interface DuplicateReport {
  reference: string;
  match: PortfolioMatch;
  /** Portfolios in the reference split and their distinct keys. */
  referenceRows: number;
  referenceDistinct: number;
  sets: Record<string, SetDuplicates>;
}

const fnName = "findDuplicatePortfolios";

function checkTuple(t: readonly number[], where: string, k: number): void {
  if (!Array.isArray(t) || t.length !== 6) {
    throw new TypeError(`${fnName}: ${where}positions[${k}] must be a 6-tuple, got ${JSON.stringify(t)}`);
  }
  for (let j = 0; j < 6; j++) {
    if (typeof t[j] !== "number" || !Number.isFinite(t[j])) {
      throw new RangeError(`${fnName}: ${where}positions[${k}][${j}] must be a finite number, got ${t[j]}`);
    }
  }
}

/**
 * Canonical key of a portfolio on a market day (equal keys ⇔ identical portfolios under `match`). Numbers are
 * written with `String(x)`, which round-trips every double, so keys compare values exactly.
 *
 * @throws {TypeError} when a position is not a 6-tuple; {@link RangeError} on a non-finite entry or day
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { portfolioKey } from "./duplicate_portfolios.ts";
 * const a = [[0, 0, 2, 0.1, 0, 0], [0, 0, 3, 0.1, 0, 0]];
 * assert.equal(portfolioKey(4, a, "netted"), portfolioKey(4, [[0, 0, 5, 0.1, 0, 0]], "netted"));
 * assert.notEqual(portfolioKey(4, a, "multiset"), portfolioKey(4, [[0, 0, 5, 0.1, 0, 0]], "multiset"));
 * ```
 */
export function portfolioKey(day: number, positions: readonly (readonly number[])[], match: PortfolioMatch): string {
  return keyOf(day, positions, match, "");
}

function keyOf(day: number, positions: readonly (readonly number[])[], match: PortfolioMatch, where: string): string {
  if (!Number.isFinite(day)) throw new RangeError(`${fnName}: ${where}day must be finite, got ${day}`);
  positions.forEach((t, k) => checkTuple(t, where, k));
  let lines: string[];
  if (match === "netted") {
    const net = new Map<string, number>();
    for (const t of positions) {
      const inst = `${t[0]},${t[1]},${t[3]},${t[4]},${t[5]}`;
      net.set(inst, (net.get(inst) ?? 0) + t[2]);
    }
    lines = [...net].filter(([, q]) => q !== 0).map(([inst, q]) => `${inst}:${q}`).sort();
  } else {
    lines = positions.map((t) => t.join(","));
    if (match === "multiset") lines.sort();
    else if (match !== "ordered") {
      throw new RangeError(`${fnName}: match must be "multiset", "ordered" or "netted", got ${JSON.stringify(match)}`);
    }
  }
  return `${day}|${lines.join(";")}`;
}

/**
 * Find the portfolios of the checked splits identical to a reference-split portfolio on the same date.
 *
 * @throws {RangeError} when the reference split has no rows, a checked split is absent, or a row is malformed
 *   (naming the row)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findDuplicatePortfolios } from "./duplicate_portfolios.ts";
 * const f = [[0, 1, 3, 0.2, 0, 0]];
 * const rows = [{ set: "train", day: 1, positions: f }, { set: "val", day: 1, positions: f }, { set: "val", day: 1, positions: f }];
 * const d = findDuplicatePortfolios(rows, { sets: ["val"] });
 * assert.equal(d.sets.val.duplicates, 2);
 * assert.equal(d.sets.val.withinSet, 1);
 * ```
 */
export function findDuplicatePortfolios(
  rows: readonly PortfolioRow[],
  opts: DuplicateOptions = {},
): DuplicateReport {
  const reference = opts.reference ?? "train";
  const match = opts.match ?? "multiset";
  const keys = rows.map((r, i) => {
    if (r === null || typeof r !== "object" || !Array.isArray(r.positions) || typeof r.set !== "string") {
      throw new TypeError(`${fnName}: rows[${i}] must be { set, day, positions }, got ${JSON.stringify(r)}`);
    }
    return keyOf(r.day, r.positions, match, `rows[${i}].`);
  });
  const present: string[] = [];
  for (const r of rows) if (!present.includes(r.set)) present.push(r.set);
  if (!present.includes(reference)) {
    throw new RangeError(`${fnName}: no rows in the reference split "${reference}" (splits: ${present.join(", ")})`);
  }
  const sets = opts.sets ?? present.filter((s) => s !== reference);
  for (const s of sets) {
    if (!present.includes(s)) throw new RangeError(`${fnName}: opts.sets names "${s}", which has no rows`);
  }
  const first = new Map<string, number>();
  let referenceRows = 0;
  rows.forEach((r, i) => {
    if (r.set !== reference) return;
    referenceRows++;
    if (!first.has(keys[i])) first.set(keys[i], i);
  });
  const out: Record<string, SetDuplicates> = {};
  for (const s of sets) {
    const res: SetDuplicates = { n: 0, duplicates: 0, rows: [], matches: [], withinSet: 0 };
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (r.set !== s) return;
      res.n++;
      const k = keys[i];
      if (seen.has(k)) res.withinSet++;
      else seen.add(k);
      const j = first.get(k);
      if (j !== undefined) {
        res.rows.push(i);
        res.matches.push([i, j]);
      }
    });
    res.duplicates = res.rows.length;
    out[s] = res;
  }
  return { reference, match, referenceRows, referenceDistinct: first.size, sets: out };
}

/**
 * Row indices per split with the duplicates of a report left out (every checked split's `rows`), in row order —
 * e.g. validation and test portfolios identical to a training portfolio, dropped before training and evaluation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findDuplicatePortfolios, splitsWithoutDuplicates } from "./duplicate_portfolios.ts";
 * const rows = [
 *   { set: "train", day: 1, positions: [[0, 0, 2, 0.1, 0, 0]] },
 *   { set: "test", day: 1, positions: [[0, 0, 2, 0.1, 0, 0]] }, // a copy of the training portfolio
 *   { set: "test", day: 1, positions: [[0, 0, 3, 0.1, 0, 0]] },
 * ];
 * assert.deepEqual(splitsWithoutDuplicates(rows, findDuplicatePortfolios(rows)), { train: [0], test: [2] });
 * ```
 */
export function splitsWithoutDuplicates(
  rows: readonly PortfolioRow[],
  report: DuplicateReport,
): Record<string, number[]> {
  const drop = new Set<number>();
  for (const s of Object.values(report.sets)) for (const i of s.rows) drop.add(i);
  const out: Record<string, number[]> = {};
  rows.forEach((r, i) => {
    if (!drop.has(i)) (out[r.set] ??= []).push(i);
  });
  return out;
}
