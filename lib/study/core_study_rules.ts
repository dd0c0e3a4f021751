/**
 * The core study's margin rules on its positions, ready for {@link evaluateEqualCoverage}: for each side (one WTI
 * front-month contract long or short) the test-day loss and, per rule, the margin on the test days and on each fold's
 * fitting rows `[train.start, valid.end)`:
 *
 * - `baselineHs` (the HS VaR itself, m = 1) and every clearing-house baseline of {@link ccpMargins};
 * - every learned rule: a fitted multiplier (the seed mean for the networks) times its baseline — the HS VaR for
 *   the models fitted on `loss / HS`, the FHS margin for those fitted on `loss / FHS`;
 * - guarded rules (`<model>Guard`): a learned rule whose multiplier falls back to the static one on test days whose
 *   features leave the fold's fitted range ({@link oodGuard}).
 *
 * @example
 * ```ts
 * import { coreStudyPositions } from "./core_study_rules.ts";
 * const study = { dates: ["2020-01-02", "2020-01-03", "2021-01-04", "2021-01-05"], x: Float64Array.of(1, 2, 1, 2),
 *   d: 1, featureNames: ["a"], r: new Float64Array(4), loss: Float64Array.of(1, 2, 3, 4),
 *   im: Float64Array.of(2, 2, 2, 2) };
 * const split = { train: { start: 0, end: 1 }, valid: { start: 1, end: 2 }, test: { start: 2, end: 4 } };
 * const runs = new Map([["long|static|1", Float64Array.of(1.1, 1.1)]]);
 * const pre = new Map([["long|static|1", [Float64Array.of(1.1, 1.1)]]]);
 * const [pos] = coreStudyPositions({ sides: { long: { study, baselines: {} } }, splits: [split], runs, pre,
 *   learned: [{ rule: "static", data: "", model: "static", seeds: [1], bounds: [0.8, 1.5] }], guards: [],
 *   reference: "static" });
 * console.assert(pos.rules.static.margin[0] === 2.2 && pos.rules.baselineHs.margin[1] === 2);
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { seedEnsemble } from "../evaluation/seed_ensemble.ts";
import type { StudyMatrix } from "./dataset.ts";
import type { EqualCoverageParams } from "./equal_coverage_params.ts";
import { ccpMargins, type CcpRule, type CcpRuleOptions } from "./margin_rules.ts";
import { type ModelKind, modelSeeds } from "./model_factory.ts";
import { variantJobs } from "./variant_fit_jobs.ts";
import { coreModelKind, STUDY_SIDES, type WalkForwardBatch, type WalkForwardParams } from "./walk_forward_batch.ts";
import type { CoveragePosition, RuleSeries } from "./equal_coverage_study.ts";
import { oodGuard } from "./ood_guard.ts";
import type { Split } from "./split.ts";

/** A learned rule: fitted on data key `data + side` (e.g. `""` or `"fhs|"`), runs named `model`, seeds. */
export interface LearnedRule {
  /** Name of the rule in the tables. */
  rule: string;
  /** Prefix of the study matrix key (`""` for the HS ratio, `"fhs|"` for the FHS one). */
  data: string;
  model: string;
  seeds: readonly number[];
  bounds: readonly [number, number];
  /** Baseline the multiplier scales: a key of the side's `baselines`, or the HS VaR when absent. */
  baseline?: string;
}

/** A guarded rule: `of`'s multiplier with the reference's as the fallback, on `features`. */
export interface GuardRule {
  rule: string;
  of: string;
  features: readonly string[];
  slack: number;
}

/** Inputs of {@link coreStudyPositions}. */
export interface CoreStudyPositionsInput {
  /** Per side: the study (sample rows) and the baseline margins on the same rows. */
  sides: Record<
    string,
    { study: StudyMatrix & { loss: Float64Array; im: Float64Array }; baselines: Record<string, Float64Array> }
  >;
  /** The yearly folds. */
  splits: readonly Split[];
  /** Test multipliers per run (`runSeries`) and fitting-row multipliers per run and fold (`runPreSeries`). */
  runs: Map<string, Float64Array>;
  pre: Map<string, Float64Array[]>;
  learned: readonly LearnedRule[];
  guards: readonly GuardRule[];
  /** The learned rule the guards fall back to (static). */
  reference: string;
}

/**
 * One {@link CoveragePosition} per side.
 *
 * @throws {RangeError} naming a missing run or baseline
 * @example
 * ```ts
 * import { coreStudyPositions } from "./core_study_rules.ts";
 * const study = { dates: ["2020-01-02", "2020-01-03", "2021-01-04"], x: Float64Array.of(1, 2, 3), d: 1,
 *   featureNames: ["a"], r: new Float64Array(3), loss: Float64Array.of(1, 2, 3), im: Float64Array.of(2, 2, 2) };
 * const split = { train: { start: 0, end: 1 }, valid: { start: 1, end: 2 }, test: { start: 2, end: 3 } };
 * const [pos] = coreStudyPositions({ sides: { short: { study, baselines: { fhs: Float64Array.of(3, 3, 3) } } },
 *   splits: [split], runs: new Map(), pre: new Map(), learned: [], guards: [], reference: "static" });
 * console.assert(pos.id === "short" && pos.rules.fhs.margin[0] === 3 && pos.years[0] === 2021);
 * ```
 */
export function coreStudyPositions(input: CoreStudyPositionsInput): CoveragePosition[] {
  const fn = "coreStudyPositions";
  const { splits } = input;
  return Object.entries(input.sides).map(([side, { study, baselines }]) => {
    const test = (x: Float64Array) => {
      const out: number[] = [];
      for (const s of splits) for (let i = s.test.start; i < s.test.end; i++) out.push(x[i]);
      return Float64Array.from(out);
    };
    const fit = (x: Float64Array) => splits.map((s) => x.slice(s.train.start, s.valid.end));
    const im = study.im;
    const rules: Record<string, RuleSeries> = {};
    const baselineRule = (margin: Float64Array): RuleSeries => ({ margin: test(margin), fit: fit(margin) });
    rules.baselineHs = baselineRule(im);
    for (const [k, v] of Object.entries(baselines)) rules[k] = baselineRule(v);
    const mult: Record<string, { test: Float64Array; pre: Float64Array[]; base: Float64Array }> = {};
    for (const l of input.learned) {
      const key = (seed: number) => `${l.data}${side}|${l.model}|${seed}`;
      const ts = l.seeds.map((s) => input.runs.get(key(s)));
      const ps = l.seeds.map((s) => input.pre.get(key(s)));
      const miss = l.seeds.find((_, i) => ts[i] === undefined || ps[i] === undefined);
      if (miss !== undefined) throw new RangeError(`${fn}: no run ${key(miss)} for rule "${l.rule}"`);
      const base = l.baseline === undefined ? im : baselines[l.baseline];
      if (base === undefined) throw new RangeError(`${fn}: rule "${l.rule}" names no baseline "${l.baseline}"`);
      const m = ts.length > 1 ? seedEnsemble(ts as Float64Array[]) : ts[0]!;
      const pre = splits.map((_, f) => {
        const per = ps.map((p) => p![f]);
        return per.length > 1 ? seedEnsemble(per) : per[0];
      });
      mult[l.rule] = { test: m, pre, base };
      const baseT = test(base), baseF = fit(base);
      rules[l.rule] = {
        margin: Float64Array.from(m, (v, i) => v * baseT[i]),
        fit: pre.map((p, f) => Float64Array.from(p, (v, i) => v * baseF[f][i])),
        multiplier: m,
        bounds: l.bounds,
      };
    }
    for (const g of input.guards) {
      const of = mult[g.of], ref = mult[input.reference];
      if (of === undefined || ref === undefined) {
        throw new RangeError(`${fn}: guard "${g.rule}" needs learned rules "${g.of}" and "${input.reference}"`);
      }
      const guarded = oodGuard(study, splits, g.features, of.test, ref.test, g.slack).m;
      const baseT = test(of.base);
      rules[g.rule] = {
        ...rules[g.of],
        margin: Float64Array.from(guarded, (v, i) => v * baseT[i]),
        multiplier: guarded,
      };
    }
    const years = test(Float64Array.from(study.dates, (d) => Number(d.slice(0, 4))));
    return {
      id: side,
      loss: test(study.loss),
      base: test(im),
      years: Array.from(years),
      foldSizes: splits.map((s) => s.test.end - s.test.start),
      fitLoss: fit(study.loss),
      rules,
    };
  });
}

/** Parameters of {@link addEqualCoverageJobs} and {@link coreLearnedRules}. */
export type CoreRuleParams =
  & WalkForwardParams
  & Pick<CcpRuleOptions, "floorLookback" | "fhsLambda" | "fhsBurnIn">
  & Pick<EqualCoverageParams, "fhsModels" | "smoothness" | "addOnMin" | "addOnMax">;

/**
 * Compute the clearing-house baselines of both sides and add to the batch what the equal-coverage study fits beyond
 * v1's models: the FHS-ratio matrices `fhs|<side>` (target `loss / FHS`, same features and folds) with `fhsModels`,
 * and on the HS ratio the stability-aware MLPs `mlpSmooth` (training penalty μ·mean(|m_t − m_{t−1}|) on time-ordered
 * pairs) and `mlpAddOn` (bounds `[addOnMin, addOnMax]`). Returns the baselines per side (sample rows).
 *
 * @throws {RangeError} from {@link ccpMargins} or the job builder
 * @example
 * ```ts
 * import { addEqualCoverageJobs } from "./core_study_rules.ts";
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const panel = makeCrudePanel(750, 1);
 * const p = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d"], forwardFeatures: [], testYears: [2012], embargo: 2,
 *   validShare: 0.2, models: ["static"], seeds: [1], floorLookback: 300, fhsLambda: 0.94, fhsBurnIn: 50,
 *   fhsModels: ["static"], smoothness: 1, addOnMin: 1, addOnMax: 1.5 };
 * const wf = walkForwardBatch(panel, p), n = wf.batch.jobs.length;
 * const ccp = addEqualCoverageJobs(wf, panel, p);
 * console.assert(wf.batch.jobs.length === n + 2 * 3 && ccp.long.fhs.length === wf.study.long.dates.length);
 * ```
 */
export function addEqualCoverageJobs(
  wf: WalkForwardBatch,
  panel: Panel,
  p: CoreRuleParams,
): Record<string, Record<CcpRule, Float64Array>> {
  const { batch } = wf, splits = wf.folds.map((f) => f.split), nF = splits.length, F = p.features;
  const out: Record<string, Record<CcpRule, Float64Array>> = {};
  for (const side of STUDY_SIDES) {
    const s = wf.study[side], c = out[side] = ccpMargins(panel, s, p);
    batch.data[`fhs|${side}`] = { ...s, r: Float64Array.from(s.loss, (l, i) => l / c.fhs[i]) };
    batch.folds[`fhs|${side}`] = splits;
    batch.jobs.push(
      ...variantJobs(side, nF, [
        { model: "mlpSmooth", kind: "mlp", features: F, variant: { smoothness: p.smoothness } },
        { model: "mlpAddOn", kind: "mlp", features: F, variant: { mMin: p.addOnMin, mMax: p.addOnMax } },
      ], p.seeds),
      ...variantJobs(
        `fhs|${side}`,
        nF,
        p.fhsModels.map((m) => ({ model: m, kind: m as ModelKind, features: F })),
        p.seeds,
      ),
    );
  }
  return out;
}

/**
 * The learned rules of the equal-coverage study, in table order: v1's models, `mlpSmooth`, `mlpAddOn`, and
 * `<model>Fhs` for each of `fhsModels` (multipliers on the FHS margin).
 *
 * @example
 * ```ts
 * import { coreLearnedRules } from "./core_study_rules.ts";
 * const r = coreLearnedRules({ models: ["static", "mlp"], seeds: [1, 2], mMin: 0.8, mMax: 1.5, fhsModels: ["linear"],
 *   addOnMin: 1, addOnMax: 1.5 });
 * console.assert(r.map((x) => x.rule).join() === "static,mlp,mlpSmooth,mlpAddOn,linearFhs" && r[0].seeds.length === 1);
 * ```
 */
export function coreLearnedRules(
  p: Pick<CoreRuleParams, "models" | "seeds" | "mMin" | "mMax" | "fhsModels" | "addOnMin" | "addOnMax">,
): LearnedRule[] {
  const seedsOf = (m: string) => modelSeeds(coreModelKind(m), p.seeds);
  const bounds = [p.mMin, p.mMax] as const;
  return [
    ...p.models.map((m) => ({ rule: m, data: "", model: m, seeds: seedsOf(m), bounds })),
    { rule: "mlpSmooth", data: "", model: "mlpSmooth", seeds: [...p.seeds], bounds },
    { rule: "mlpAddOn", data: "", model: "mlpAddOn", seeds: [...p.seeds], bounds: [p.addOnMin, p.addOnMax] as const },
    ...p.fhsModels.map((m) => ({
      rule: `${m}Fhs`,
      data: "fhs|",
      model: m,
      seeds: seedsOf(m),
      bounds,
      baseline: "fhs",
    })),
  ];
}
