/**
 * The history-only ablation of a panel (issue 14 §2, settling whether forward-looking features help): every job
 * of an ablated model refitted on the same rows without the position's forward-looking features
 * ({@link historyOnlyJobs}: model `linear` → `linearHist`, `mlpPooled` → `mlpHistPooled`; a pooled job drops the
 * union of its members' forward features), then, per scope (a position group or the whole panel), the model with
 * forward features against its history-only twin ({@link forwardAblation}): a Diebold–Mariano test on the pinball
 * loss of the multiplier against the ratio `loss / HS IM` (the positions' daily losses averaged on the scope's union
 * calendar, Newey–West lag MPOR − 1; negative statistic: forward features help) and the average margin at the
 * 1 − τ breach rate with forward features over without, with its paired moving-block bootstrap interval on the
 * union calendar (below 1: forward features save margin at equal coverage).
 *
 * @example
 * ```ts
 * import { historyModel } from "./panel_forward_ablation.ts";
 * console.assert(historyModel("mlpPooled") === "mlpHistPooled" && historyModel("linear") === "linearHist");
 * ```
 * @module
 */
import { dieboldMariano } from "../backtest/mod.ts";
import { pinballLosses } from "../targets/pinball_loss.ts";
import type { CoveragePosition } from "./equal_coverage_study.ts";
import { normalizeCoveragePosition, panelAtTarget } from "./panel_coverage.ts";
import { panelCoveragePositions, type PanelWalkForward, type PanelWalkForwardParams } from "./panel_walk_forward.ts";
import type { PooledFitJob } from "./pooled_fit_jobs.ts";
import type { VariantFitJob } from "./variant_fit_jobs.ts";

/**
 * The history-only twin's model name: `Hist` before a `Pooled` suffix, else at the end.
 *
 * @example
 * ```ts
 * import { historyModel } from "./panel_forward_ablation.ts";
 * console.assert(historyModel("mlp") === "mlpHist");
 * ```
 */
export function historyModel(model: string): string {
  return model.endsWith("Pooled") ? `${model.slice(0, -"Pooled".length)}HistPooled` : `${model}Hist`;
}

/**
 * The history-only copies of the jobs of `models` (same data, fold, seed and rows; features without the forward
 * ones; model renamed by {@link historyModel}), in job order.
 *
 * @throws {RangeError} when a job's position is not in the walk-forward, or a copy would have no feature
 * @example
 * ```ts
 * import { historyOnlyJobs } from "./panel_forward_ablation.ts";
 * const wf = { positions: [{ study: { id: "p" }, series: { forwardFeatures: ["ovx"] } }] };
 * const jobs = [{ data: "p", fold: 0, model: "linear", kind: "linear" as const, seed: 1, features: ["rv", "ovx"] }];
 * const [h] = historyOnlyJobs(wf, jobs, ["linear"]);
 * console.assert(h.model === "linearHist" && h.features.join() === "rv");
 * ```
 */
export function historyOnlyJobs<J extends VariantFitJob | PooledFitJob>(
  wf: { positions: readonly { study: { id: string }; series: { forwardFeatures: readonly string[] } }[] },
  jobs: readonly J[],
  models: readonly string[],
): J[] {
  const fn = "historyOnlyJobs (lib/study/panel_forward_ablation.ts)";
  const forward = (id: string): readonly string[] => {
    const q = wf.positions.find((x) => x.study.id === id);
    if (q === undefined) throw new RangeError(`${fn}: position "${id}" is not in the walk-forward`);
    return q.series.forwardFeatures;
  };
  return jobs.filter((j) => models.includes(j.model)).map((j) => {
    const drop = new Set("members" in j ? j.members.flatMap((m) => forward(m.id)) : forward(j.data));
    const features = j.features.filter((f) => !drop.has(f));
    if (features.length === 0) throw new RangeError(`${fn}: ${j.data} ${j.model} has no history feature`);
    return { ...j, model: historyModel(j.model), features };
  });
}

/** One comparison of {@link forwardAblation}. */
export interface ForwardAblationResult {
  positions: number;
  days: number;
  /** Mean pinball loss (ratio units, positions averaged per day) with and without forward features. */
  pinballWith: number;
  pinballWithout: number;
  /** DM on the pinball loss, with forward features minus without (negative: forward features help). */
  dmStat: number;
  dmP: number;
  /** Average margin at the target breach rate with forward features over without, with its 95% interval. */
  marginRatio: { estimate: number; lo: number; hi: number };
}

/** Options of {@link forwardAblation}. */
export interface ForwardAblationOptions {
  tau: number;
  mpor: number;
  blockLength: number;
  resamples: number;
  seed: number;
}

/**
 * Per scope (position indices) and per model with forward features (`pairs[model]` = its history-only twin).
 *
 * @throws {RangeError} when a position lacks a rule or its multiplier, or `dates` and `positions` disagree
 * @example
 * ```ts
 * import { forwardAblation } from "./panel_forward_ablation.ts";
 * const n = 50, m = new Float64Array(n).fill(1), loss = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
 * const rule = { margin: m, fit: [m], multiplier: m };
 * const pos = { id: "p", loss, base: m, years: new Array(n).fill(2020), foldSizes: [n], fitLoss: [loss],
 *   rules: { fwd: rule, hist: rule } };
 * const dates = Array.from({ length: n }, (_, i) => `d${String(i).padStart(2, "0")}`);
 * const r = forwardAblation([pos], [dates], { all: [0] }, { fwd: "hist" },
 *   { tau: 0.95, mpor: 2, blockLength: 5, resamples: 20, seed: 1 });
 * console.assert(r.all.fwd.dmP === 1 && r.all.fwd.marginRatio.estimate === 1);
 * ```
 */
export function forwardAblation(
  positions: readonly CoveragePosition[],
  dates: readonly (readonly string[])[],
  scopes: Record<string, readonly number[]>,
  pairs: Record<string, string>,
  o: ForwardAblationOptions,
): Record<string, Record<string, ForwardAblationResult>> {
  const fn = "forwardAblation (lib/study/panel_forward_ablation.ts)";
  if (dates.length !== positions.length) {
    throw new RangeError(`${fn}: ${dates.length} date lists, ${positions.length} positions`);
  }
  const losses = (pos: CoveragePosition, rule: string): Float64Array => {
    const m = pos.rules[rule]?.multiplier;
    if (m === undefined) throw new RangeError(`${fn}: position ${pos.id} has no multiplier of rule "${rule}"`);
    const r = Float64Array.from(pos.loss, (l, i) => l / pos.base[i]);
    return pinballLosses(r, m, o.tau);
  };
  const out: Record<string, Record<string, ForwardAblationResult>> = {};
  for (const [scope, idx] of Object.entries(scopes)) {
    out[scope] = {};
    const cal = [...new Set(idx.flatMap((j) => dates[j]))].sort();
    const at = new Map(cal.map((d, i) => [d, i]));
    for (const [withRule, withoutRule] of Object.entries(pairs)) {
      const a = new Float64Array(cal.length), b = new Float64Array(cal.length), n = new Float64Array(cal.length);
      for (const j of idx) {
        const la = losses(positions[j], withRule), lb = losses(positions[j], withoutRule);
        if (la.length !== dates[j].length) throw new RangeError(`${fn}: position ${positions[j].id}: dates and losses`);
        dates[j].forEach((d, i) => {
          const t = at.get(d)!;
          a[t] += la[i];
          b[t] += lb[i];
          n[t]++;
        });
      }
      for (let t = 0; t < cal.length; t++) {
        a[t] /= n[t];
        b[t] /= n[t];
      }
      let same = true;
      for (let t = 0; t < cal.length && same; t++) same = a[t] === b[t];
      const dm = same ? { stat: 0, pValue: 1 } : dieboldMariano(a, b, { mpor: o.mpor });
      const ratio = panelAtTarget(idx.map((j) => positions[j]), idx.map((j) => dates[j]), [withRule], {
        tau: o.tau,
        blockLength: o.blockLength,
        resamples: o.resamples,
        seed: o.seed,
        reference: withoutRule,
      })[withRule];
      out[scope][withRule] = {
        positions: idx.length,
        days: cal.length,
        pinballWith: a.reduce((s, v) => s + v, 0) / cal.length,
        pinballWithout: b.reduce((s, v) => s + v, 0) / cal.length,
        dmStat: dm.stat,
        dmP: dm.pValue,
        marginRatio: ratio,
      };
    }
  }
  return out;
}

/**
 * The walk-forward with its jobs plus the history-only copies of `models` (for `panelRuns`).
 *
 * @example
 * ```ts
 * import { withHistoryOnly } from "./panel_forward_ablation.ts";
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const wf = panelWalkForward(series, { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2,
 *   validShare: 0.2, testYears: [last], seeds: [1], models: ["linear"], pooledModels: [], poolType: "position",
 *   floorLookback: 300 });
 * console.assert(withHistoryOnly(wf, ["linear"]).jobs.length === 2 * wf.jobs.length);
 * ```
 */
export function withHistoryOnly(
  wf: PanelWalkForward,
  models: readonly string[],
): PanelWalkForward {
  return { ...wf, jobs: [...wf.jobs, ...historyOnlyJobs(wf, wf.jobs, models)] };
}

/**
 * The panel's coverage positions, each in units of its mean static margin: `withHistory` carries the history-only
 * rules of `ablationModels` beside the others (for {@link forwardAblation}), `positions` leaves them out (for the
 * equal-coverage comparison with static).
 *
 * @throws {RangeError} from `panelCoveragePositions` (a missing run)
 * @example
 * ```ts
 * import { ablationPositions, withHistoryOnly } from "./panel_forward_ablation.ts";
 * import { panelRuns, panelWalkForward } from "./panel_walk_forward.ts";
 * import { pooledFitHandler } from "./pooled_fit_jobs.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11, 12),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const p = { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2, validShare: 0.2,
 *   testYears: [last], seeds: [1], models: ["static", "linear"], pooledModels: [], poolType: "position" as const,
 *   floorLookback: 300, linearRidge: 0.01, ablationModels: ["linear"] };
 * const wf = withHistoryOnly(panelWalkForward(series, p), ["linear"]);
 * const out = [];
 * for (const job of wf.jobs) out.push(await pooledFitHandler(job, { shared: wf.shared, index: 0, worker: 0, log: () => {} }));
 * const { withHistory, positions } = ablationPositions(wf, panelRuns(wf, out), p);
 * console.assert("linearHist" in withHistory[0].rules && !("linearHist" in positions[0].rules));
 * ```
 */
export function ablationPositions(
  wf: PanelWalkForward,
  fits: { runs: Map<string, Float64Array>; pre: Map<string, Float64Array[]> },
  p: Pick<PanelWalkForwardParams, "models" | "pooledModels" | "seeds" | "mMin" | "mMax"> & { ablationModels: string[] },
): { withHistory: CoveragePosition[]; positions: CoveragePosition[] } {
  const hist = (ms: string[]) => ms.filter((m) => p.ablationModels.includes(m)).map(historyModel);
  const withHistory = panelCoveragePositions(wf, fits, {
    ...p,
    models: [...p.models, ...hist(p.models)],
    pooledModels: [...p.pooledModels, ...hist(p.pooledModels)],
  }).map((pos) => normalizeCoveragePosition(pos, "static"));
  const isHist = (r: string) => /Hist(Pooled)?$/.test(r);
  const positions = withHistory.map((pos) => ({
    ...pos,
    rules: Object.fromEntries(Object.entries(pos.rules).filter(([r]) => !isHist(r))),
  }));
  return { withHistory, positions };
}
