/**
 * A model pooled across the positions of a panel (issue 14 §1): for one test year, one study matrix whose rows are
 * every member position's training rows, then their validation rows, then their test rows and the rows between
 * their training and validation rows (the purge, predicted for the fitting-row margins only). The fit
 * jobs of `variant_fit_jobs.ts` run on it unchanged (`split`: train, valid, and "test" = test + gap rows), and
 * {@link splitPooledOutcome} hands each position its own test and fitting-row multipliers.
 *
 * Features: the union of the members' features (in order of first appearance), each member's columns z-scored with
 * the mean and standard deviation of that member's own training rows of the fold (so a P&L in USD per barrel and
 * one per 100 face meet on one scale, with no validation or test row in the statistics), a feature a position does
 * not have set to 0 (its training mean), and one 0/1 column `type_<key>` per position type (the instrument group or
 * the position). The matrix's `dates` are zero-padded row labels: positions share calendar days, so the rows are not
 * one time series; the models read dates only to check that training precedes validation.
 *
 * @example
 * ```ts
 * import { pooledFold } from "./pooled_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // seeded rows, features "a" and "b"
 * import { yearlyFolds } from "./walk_forward.ts";
 * const a = testMatrix(600), split = yearlyFolds(a.dates, { years: [Number(a.dates[500].slice(0, 4))], horizon: 2,
 *   embargo: 2, validShare: 0.2, minTrain: 100 })[0].split;
 * const f = pooledFold([{ id: "x", type: "t1", study: a, split }, { id: "y", type: "t2", study: a, split }], ["t1", "t2"]);
 * console.assert(f.matrix.featureNames.join() === "a,b,type_t1,type_t2" && f.parts.length === 2);
 * ```
 * @module
 */
import type { StudyMatrix } from "./dataset.ts";
import type { FitShared } from "./fit_jobs.ts";
import { runVariantFitJob, variantFitHandler, type VariantFitJob, type VariantFitOutcome } from "./variant_fit_jobs.ts";
import type { RowRange, Split } from "./split.ts";
import type { WorkerHandler } from "../pipeline/workers.ts";

/** A member of a pooled fold: a position's study matrix, its fold split and its position type. */
export interface PooledMember {
  id: string;
  /** Position type (a key of the one-hot columns). */
  type: string;
  study: StudyMatrix;
  split: Split;
}

/** Where a member's rows sit in the pooled matrix. */
export interface PooledPart {
  id: string;
  train: RowRange;
  valid: RowRange;
  /** Test rows, and the gap rows `[train.end, valid.start)` of the member's own split (the purge). */
  test: RowRange;
  gap: RowRange;
}

/** One pooled fold: the matrix, its split and the members' rows. */
export interface PooledFold {
  matrix: StudyMatrix;
  split: Split;
  parts: PooledPart[];
}

/**
 * The columns of a pooled matrix: the union of the members' features in order of first appearance, then
 * `type_<t>` for every type.
 *
 * @example
 * ```ts
 * import { pooledFeatureNames } from "./pooled_fit_jobs.ts";
 * console.assert(pooledFeatureNames([["a", "b"], ["b", "c"]], ["x"]).join() === "a,b,c,type_x");
 * ```
 */
export function pooledFeatureNames(features: readonly (readonly string[])[], types: readonly string[]): string[] {
  const names: string[] = [];
  for (const list of features) for (const f of list) if (!names.includes(f)) names.push(f);
  return [...names, ...types.map((t) => `type_${t}`)];
}

type BlockKey = "train" | "valid" | "test" | "gap";
const BLOCKS: { key: BlockKey; range: (s: Split) => RowRange }[] = [
  { key: "train", range: (s) => s.train },
  { key: "valid", range: (s) => s.valid },
  { key: "test", range: (s) => s.test },
  { key: "gap", range: (s) => ({ start: s.train.end, end: s.valid.start }) },
];

/**
 * Where each member's rows sit in the pooled matrix of {@link pooledFold}, and the pooled split, from the members'
 * splits alone (no data is read).
 *
 * @throws {RangeError} on no members, or a split whose ranges are not ordered (naming the member)
 * @example
 * ```ts
 * import { pooledLayout } from "./pooled_fit_jobs.ts";
 * const s = { train: { start: 0, end: 10 }, valid: { start: 12, end: 15 }, test: { start: 17, end: 20 } };
 * const l = pooledLayout([{ id: "a", split: s }, { id: "b", split: s }]);
 * console.assert(l.split.valid.start === 20 && l.parts[1].test.start === 29 && l.parts[0].gap.start === 32);
 * ```
 */
export function pooledLayout(
  members: readonly { id: string; split: Split }[],
): { split: Split; parts: PooledPart[]; rows: number } {
  if (members.length === 0) throw new RangeError("pooledLayout: no members");
  for (const m of members) {
    const { train, valid, test } = m.split;
    if (
      !(train.start >= 0 && train.end > train.start && train.end <= valid.start && valid.end > valid.start &&
        valid.end <= test.start && test.end > test.start)
    ) {
      throw new RangeError(`pooledLayout: member ${m.id}: split ${JSON.stringify(m.split)} is not ordered`);
    }
  }
  const parts: PooledPart[] = members.map((m) => ({ id: m.id }) as PooledPart);
  const bounds = {} as Record<BlockKey, number>;
  let row = 0;
  for (const b of BLOCKS) {
    members.forEach((m, k) => {
      const { start, end } = b.range(m.split);
      parts[k][b.key] = { start: row, end: row += end - start };
    });
    bounds[b.key] = row;
  }
  return {
    split: {
      train: { start: 0, end: bounds.train },
      valid: { start: bounds.train, end: bounds.valid },
      test: { start: bounds.valid, end: row },
    },
    parts,
    rows: row,
  };
}

/**
 * The pooled matrix of one fold (see the module doc).
 *
 * @throws {RangeError} on no members, a duplicate id, a type not in `types`, or a member split outside its rows
 * @example
 * ```ts
 * import { pooledFold } from "./pooled_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { yearlyFolds } from "./walk_forward.ts";
 * const a = testMatrix(600), split = yearlyFolds(a.dates, { years: [Number(a.dates[500].slice(0, 4))], horizon: 2,
 *   embargo: 2, validShare: 0.2, minTrain: 100 })[0].split;
 * const f = pooledFold([{ id: "x", type: "t", study: a, split }], ["t"]);
 * console.assert(f.split.train.end === split.train.end - split.train.start);
 * ```
 */
export function pooledFold(members: readonly PooledMember[], types: readonly string[]): PooledFold {
  const fn = "pooledFold";
  if (members.length === 0) throw new RangeError(`${fn}: no members`);
  const ids = new Set<string>();
  const names = pooledFeatureNames(members.map((m) => m.study.featureNames), []);
  for (const m of members) {
    if (ids.has(m.id)) throw new RangeError(`${fn}: duplicate member id "${m.id}"`);
    ids.add(m.id);
    if (!types.includes(m.type)) throw new RangeError(`${fn}: member ${m.id} has type "${m.type}", not in types`);
    if (m.split.test.end > m.study.dates.length) {
      throw new RangeError(
        `${fn}: member ${m.id}: split ends at ${m.split.test.end}, after its ${m.study.dates.length} rows`,
      );
    }
  }
  const D = names.length + types.length;
  const featureNames = [...names, ...types.map((t) => `type_${t}`)];
  const { split, parts, rows: N } = pooledLayout(members);
  const x = new Float64Array(N * D), r = new Float64Array(N);
  members.forEach((m, k) => {
    // The member's columns, z-scored with its own training rows.
    const s = m.study, d = s.d, { start, end } = m.split.train, cnt = end - start;
    const cols = s.featureNames.map((f) => names.indexOf(f)), typeCol = names.length + types.indexOf(m.type);
    const mean = new Float64Array(d), sd = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let a = 0;
      for (let i = start; i < end; i++) a += s.x[i * d + j];
      mean[j] = a / cnt;
      let v = 0;
      for (let i = start; i < end; i++) v += (s.x[i * d + j] - mean[j]) ** 2;
      sd[j] = Math.sqrt(v / cnt) > 0 ? Math.sqrt(v / cnt) : 1;
    }
    for (const b of BLOCKS) {
      const src = b.range(m.split);
      let row = parts[k][b.key].start;
      for (let i = src.start; i < src.end; i++, row++) {
        for (let j = 0; j < d; j++) x[row * D + cols[j]] = (s.x[i * d + j] - mean[j]) / sd[j];
        x[row * D + typeCol] = 1;
        r[row] = s.r[i];
      }
    }
  });
  const dates = Array.from({ length: N }, (_, i) => String(i).padStart(9, "0"));
  return { matrix: { dates, x, d: D, featureNames, r }, split, parts };
}

/**
 * A member's multipliers from a pooled fit's outcome: on its test rows (`m`) and on its fitting rows
 * `[train.start, valid.end)` of its own split (`pre`: training rows, the purge rows between training and
 * validation, validation rows).
 *
 * @example
 * ```ts
 * import { splitPooledOutcome } from "./pooled_fit_jobs.ts";
 * const part = { id: "x", train: { start: 0, end: 2 }, valid: { start: 2, end: 3 }, test: { start: 3, end: 4 },
 *   gap: { start: 4, end: 5 } };
 * const o = splitPooledOutcome(part, { start: 3, end: 5 }, { m: Float64Array.of(7, 8), pre: Float64Array.of(1, 2, 3),
 *   epochs: 1, bestEpoch: 1 });
 * console.assert(o.m[0] === 7 && o.pre.join() === "1,2,8,3");
 * ```
 */
export function splitPooledOutcome(
  part: PooledPart,
  test: RowRange,
  o: VariantFitOutcome,
): { m: Float64Array; pre: Float64Array } {
  const t = (r: RowRange) => o.m.subarray(r.start - test.start, r.end - test.start);
  const nt = part.train.end - part.train.start, ng = part.gap.end - part.gap.start;
  const pre = new Float64Array(nt + ng + part.valid.end - part.valid.start);
  pre.set(o.pre.subarray(part.train.start, part.train.end), 0);
  pre.set(t(part.gap), nt);
  pre.set(o.pre.subarray(part.valid.start, part.valid.end), nt + ng);
  return { m: t(part.test).slice(), pre };
}

/** A fit on a pooled fold: the members (study key, fold index, type) and every type of the one-hot columns. */
export interface PooledFitJob extends VariantFitJob {
  members: { id: string; fold: number; type: string }[];
  types: string[];
}

/** The members of a pooled job as {@link pooledLayout} and {@link pooledFold} read them. */
function membersOf(job: PooledFitJob, shared: FitShared): PooledMember[] {
  return job.members.map((m) => {
    const study = shared.data[m.id], split = shared.folds[m.id]?.[m.fold];
    if (study === undefined || split === undefined) {
      throw new RangeError(`pooled fit job ${job.data}: member ${m.id} fold ${m.fold} is not in the batch`);
    }
    return { id: m.id, type: m.type, study, split };
  });
}

/**
 * The worker handler of a panel's fits: a {@link PooledFitJob} builds its pooled matrix from the batch's per-position
 * matrices and folds (`ctx.shared`) and fits it; any other job is a per-position `variantFitHandler` job. The
 * outcome of a pooled job covers the pooled matrix (its `m`: the pooled test block, `pre`: training + validation);
 * {@link splitPooledOutcome} with {@link pooledLayout} gives each member its share.
 *
 * @throws {RangeError} naming the job when a member or fold is missing, or from the fit
 * @example
 * ```ts
 * import { pooledFitHandler } from "./pooled_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { yearlyFolds } from "./walk_forward.ts";
 * const a = testMatrix(600), split = yearlyFolds(a.dates, { years: [Number(a.dates[500].slice(0, 4))], horizon: 2,
 *   embargo: 2, validShare: 0.2, minTrain: 100 })[0].split;
 * const shared = { data: { x: a, y: a }, folds: { x: [split], y: [split] }, params: { tau: 0.9, mMin: 0.5, mMax: 2 } };
 * const job = { data: "pooled", fold: 0, model: "staticPooled", kind: "static" as const, seed: 1, features: ["a"],
 *   members: [{ id: "x", fold: 0, type: "t" }, { id: "y", fold: 0, type: "t" }], types: ["t"] };
 * const o = await pooledFitHandler(job, { shared, index: 0, worker: 0, log: () => {} });
 * console.assert(o.m.length === 2 * (split.test.end - split.test.start + split.valid.start - split.train.end));
 * ```
 */
export const pooledFitHandler: WorkerHandler<VariantFitJob | PooledFitJob, VariantFitOutcome, FitShared> = async (
  job,
  ctx,
) => {
  if (!("members" in job)) return await variantFitHandler(job, ctx);
  const f = pooledFold(membersOf(job, ctx.shared), job.types);
  try {
    return await runVariantFitJob(f.matrix, f.split, job, ctx.shared.params);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`pooled ${job.data} ${job.model} seed ${job.seed}: ${e.message}`);
    throw e;
  }
};
