/**
 * e04's synthetic track: independent paths of the seeded synthetic market
 * (one per `synthSeeds` entry), each with its option chains, features, HS VaR
 * baseline and the oracle multiplier clip(q*_t / IM_t) from the true
 * conditional quantile q*_t. On every path the models are fitted walk-forward
 * over `synthFolds` blocks of the last `synthTestShare` of the rows (same
 * embargo and validation rule as the real track) and compared with the oracle
 * (`lib/study` `oracleCapture`): distance to the oracle, and the share of the
 * oracle's pinball gain and margin saving over the static benchmark each model
 * captures. Results are reported per path and as mean ± sd across paths (for
 * the networks the per-path value is the mean over seeds).
 * @module
 */
import { generateSyntheticMarket } from "../../../lib/market/synthetic_market.ts";
import { oracleQuantileSeries } from "../../../lib/market/synthetic_oracle.ts";
import { hsMargin } from "../../../lib/margin/hs.ts";
import { rollingMargin } from "../../../lib/margin/rolling_margin.ts";
import { buildSyntheticFeatures } from "../../../lib/features/synthetic_features.ts";
import { featureColumn } from "../../../lib/features/feature_frame.ts";
import { createPrng } from "../../../lib/core/prng.ts";
import { clipMultiplier } from "../../../lib/targets/bounded_multiplier.ts";
import {
  blockFolds,
  EWMA_TO_IM,
  type FitJob,
  type Fold,
  foldRows,
  modelSeeds,
  runKey,
  type StudyMatrix,
  type StudyParams,
  type StudySide,
  walkForwardJobs,
} from "../../../lib/study/mod.ts";
import {
  featureAblation,
  oracleCapture,
  type OracleCaptureResult,
  seedEnsemble,
  summarise,
  summariseRuns,
} from "../../../lib/evaluation/mod.ts";

/** The parameters the synthetic track reads. */
export interface SyntheticParams extends Omit<StudyParams, "sampleEnd"> {
  forwardFeatures: string[];
  embargo: number;
  validShare: number;
  seeds: number[];
  synthDays: number;
  synthSeeds: number[];
  synthPaths: number;
  synthModels: string[];
  synthForward: string[];
  synthFolds: number;
  synthTestShare: number;
}

/** One side of one path: the study matrix, its folds, and per row the baseline IM and the oracle multiplier. */
export interface SyntheticSide {
  data: StudyMatrix;
  folds: Fold[];
  im: Float64Array;
  oracle: Float64Array;
}

/** One market path. */
export interface SyntheticPath {
  seed: number;
  stressShare: number;
  histFeatures: string[];
  features: string[];
  long: SyntheticSide;
  short: SyntheticSide;
}

const SIDES: readonly StudySide[] = ["long", "short"];

/** Key of a path's side in the fit batch. */
export function syntheticKey(seed: number, side: StudySide): string {
  return `synthetic${seed}|${side}`;
}

/** Build one market path: market, features, baseline IM, oracle, study matrices and folds per side. */
export function buildSyntheticPath(p: SyntheticParams, seed: number): SyntheticPath {
  const h = p.mpor;
  const market = generateSyntheticMarket(seed, { days: p.synthDays });
  const frame = buildSyntheticFeatures(market);
  const T = market.dates.length;
  const level = featureColumn(frame, "level_scale"), ewma = featureColumn(frame, "ewma_vol");
  for (const f of p.synthForward) {
    if (!frame.names.includes(f)) {
      throw new RangeError(`synthForward: "${f}" is not a synthetic feature (${frame.names})`);
    }
  }
  const hist = p.features.filter((f) =>
    !p.forwardFeatures.includes(f) && (f === EWMA_TO_IM || frame.names.includes(f))
  );
  const feats = [...hist, ...p.synthForward];
  const F = feats.length;
  const cols = feats.map((f) => f === EWMA_TO_IM ? null : featureColumn(frame, f));
  const scaleH = p.contractBbl * Math.sqrt(h / 252);
  const side = (sign: 1 | -1): SyntheticSide => {
    const pnl = new Float64Array(T - h);
    for (let t = h; t < T; t++) pnl[t - h] = sign * p.contractBbl * (market.front[t] - market.front[t - h]);
    const var99 = (w: Float64Array) => hsMargin(w, { confidence: p.confidence, measure: "var" });
    const imAll = new Float64Array(T).fill(NaN);
    imAll.set(rollingMargin(pnl, var99, { lookback: p.lookback }), h);
    const oracleQ = oracleQuantileSeries(market, h, sign, p.tau, createPrng(seed * 31 + (sign > 0 ? 1 : 2)), {
      paths: p.synthPaths,
      contractSize: p.contractBbl,
    });
    const rows: number[] = [];
    for (let t = 0; t + h < T; t++) {
      let ok = imAll[t] > 0 && ewma[t] > 0 && level[t] > 0;
      for (const c of cols) if (c && !Number.isFinite(c[t])) ok = false;
      if (ok) rows.push(t);
    }
    const n = rows.length;
    const x = new Float64Array(n * F), r = new Float64Array(n), oracle = new Float64Array(n), im = new Float64Array(n);
    rows.forEach((t, i) => {
      cols.forEach((c, j) => {
        x[i * F + j] = c ? c[t] : ewma[t] / (imAll[t] / (scaleH * level[t]));
      });
      r[i] = -sign * p.contractBbl * (market.front[t + h] - market.front[t]) / imAll[t];
      oracle[i] = clipMultiplier(oracleQ[t] / imAll[t], p.mMin, p.mMax);
      im[i] = imAll[t];
    });
    const data: StudyMatrix = { dates: rows.map((t) => market.dates[t]), x, d: F, featureNames: feats, r };
    const folds = blockFolds(data.dates, {
      blocks: p.synthFolds,
      testShare: p.synthTestShare,
      horizon: h,
      embargo: p.embargo,
      validShare: p.validShare,
    });
    return { data, folds, im, oracle };
  };
  return {
    seed,
    stressShare: market.regime.reduce((s, v) => s + v, 0) / T,
    histFeatures: hist,
    features: feats,
    long: side(1),
    short: side(-1),
  };
}

/** The fit jobs of a path (both sides); `mlpHist` is the MLP on the historical features only. */
export function syntheticJobs(path: SyntheticPath, p: SyntheticParams): FitJob[] {
  const models = p.synthModels.map((m) => ({
    model: m,
    kind: (m === "mlpHist" ? "mlp" : m) as FitJob["kind"],
    features: m === "mlpHist" ? path.histFeatures : path.features,
  }));
  return SIDES.flatMap((s) => walkForwardJobs(syntheticKey(path.seed, s), path[s].folds.length, models, p.seeds));
}

type Stat = Record<keyof OracleCaptureResult, number>;

/** One path's evaluation of one side: oracle, per model the summary over seeds, ensembles, ablation. */
function evaluatePathSide(path: SyntheticPath, s: StudySide, runs: Map<string, Float64Array>, p: SyntheticParams) {
  const side = path[s];
  const rows = foldRows(side.folds);
  const r = Float64Array.from(rows, (i) => side.data.r[i]), im = Float64Array.from(rows, (i) => side.im[i]);
  const oracle = Float64Array.from(rows, (i) => side.oracle[i]);
  const loss = Float64Array.from(r, (v, i) => v * im[i]);
  const get = (model: string, seed: number) => runs.get(runKey(syntheticKey(path.seed, s), model, seed))!;
  const bench = get("static", p.seeds[0]);
  const stat = (m: Float64Array): Stat => ({
    ...oracleCapture({ loss, im, r, m, bench, oracle, tau: p.tau, h: p.mpor }),
  });
  const res: Record<string, unknown> = { testRows: rows.length, oracle: stat(oracle) };
  const seedRuns: Record<string, Float64Array[]> = {};
  for (const model of p.synthModels) {
    const kind = model === "mlpHist" ? "mlp" : model;
    seedRuns[model] = modelSeeds(kind, p.seeds).map((seed) => get(model, seed));
    res[model] = summariseRuns(seedRuns[model].map(stat));
    if (seedRuns[model].length > 1) res[`${model}Ens`] = stat(seedEnsemble(seedRuns[model]));
  }
  if (seedRuns.mlp?.length > 1 && seedRuns.mlpHist?.length > 1) {
    const a = featureAblation({ r, full: seedRuns.mlp, reduced: seedRuns.mlpHist, tau: p.tau, h: p.mpor });
    const g = (k: string) => (res[k] as Record<string, { mean: number }>).pinballGainCaptured.mean;
    res.ablation = {
      gainCapturedDiff: g("mlp") - g("mlpHist"),
      pinballDiff: a.pinballDiff.mean,
      ensDmStat: a.ensDmStat,
      ensDmP: a.ensDmP,
    };
  }
  return res;
}

/**
 * Evaluate every path and summarise across paths. Per side: `oracle`, each model and each
 * `<model>Ens` as `{metric: {mean, sd, min, max, n}}` over paths (per-path value of a network:
 * its mean over seeds), `ablation` (MLP with minus without the option-surface features) over
 * paths with the number of paths where the full-feature ensemble is significantly better
 * (DM p < 0.05) and worse; `pooled` the shares of the gain and saving summed over paths
 * (margin saving as 1 − margin / static margin); `paths` holds each path's own results.
 */
export function evaluateSynthetic(
  paths: readonly SyntheticPath[],
  runs: Map<string, Float64Array>,
  p: SyntheticParams,
): Record<string, unknown> {
  const perPath = paths.map((path) => ({
    seed: path.seed,
    stressShare: path.stressShare,
    long: evaluatePathSide(path, "long", runs, p),
    short: evaluatePathSide(path, "short", runs, p),
  }));
  const first = paths[0];
  const out: Record<string, unknown> = {
    days: p.synthDays,
    nPaths: paths.length,
    seeds: paths.map((x) => x.seed),
    features: first.features.length,
    histFeatures: first.histFeatures.length,
    forwardFeatures: p.synthForward.length,
    stressShare: summarise(paths.map((x) => x.stressShare)),
    paths: perPath,
  };
  // A path's value of a metric: the number itself, or the seed mean of a summary.
  const value = (v: unknown) => typeof v === "number" ? v : (v as { mean: number }).mean;
  const across = (items: Record<string, unknown>[]) => {
    const keys = Object.keys(items[0]);
    return summariseRuns(items.map((it) => Object.fromEntries(keys.map((k) => [k, value(it[k])]))));
  };
  for (const s of SIDES) {
    const sides = perPath.map((x) => x[s]);
    const res: Record<string, unknown> = {
      folds: p.synthFolds,
      testRows: summarise(sides.map((x) => x.testRows as number)),
    };
    for (const k of Object.keys(sides[0])) {
      if (k === "testRows" || k === "ablation") continue;
      res[k] = across(sides.map((x) => x[k] as Record<string, unknown>));
    }
    // Pooled over paths (robust where a path's oracle gain or saving is small):
    // Σ (PL_static − PL_model) / Σ (PL_static − PL_oracle), and the same for 1 − margin / static margin.
    const pooled: Record<string, { pinballGainCaptured: number; marginSavingCaptured: number }> = {};
    const pb = (x: Record<string, unknown>, k: string, f: "pinball" | "marginRatio") =>
      value((x[k] as Record<string, unknown>)[f]);
    for (const k of Object.keys(sides[0])) {
      if (k === "testRows" || k === "ablation" || k === "oracle") continue;
      let gain = 0, gainO = 0, save = 0, saveO = 0;
      for (const x of sides) {
        gain += pb(x, "static", "pinball") - pb(x, k, "pinball");
        gainO += pb(x, "static", "pinball") - pb(x, "oracle", "pinball");
        save += 1 - pb(x, k, "marginRatio");
        saveO += 1 - pb(x, "oracle", "marginRatio");
      }
      pooled[k] = { pinballGainCaptured: gain / gainO, marginSavingCaptured: save / saveO };
    }
    res.pooled = pooled;
    if (sides[0].ablation) {
      const ab = sides.map((x) => x.ablation as Record<string, number>);
      res.ablation = {
        ...across(ab),
        pathsFullBetter: ab.filter((a) => a.ensDmP < 0.05 && a.ensDmStat < 0).length,
        pathsFullWorse: ab.filter((a) => a.ensDmP < 0.05 && a.ensDmStat > 0).length,
      };
    }
    out[s] = res;
  }
  return out;
}
