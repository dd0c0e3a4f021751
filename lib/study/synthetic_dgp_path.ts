/**
 * {@link buildDgpPath}: one market path of the synthetic track under a named data-generating process
 * (`synthetic_dgp.ts`): features, HS VaR baseline, oracle multiplier, study matrices and folds per side, with the
 * DGP's market and oracle. `buildSyntheticPath` of `synthetic_path.ts` is this function on the baseline DGP (the
 * base market of e04's synthetic track, byte for byte as before: tested against a golden hash).
 *
 * @example
 * ```ts
 * import { buildDgpPath } from "./synthetic_dgp_path.ts";
 * import { syntheticDgp } from "./synthetic_dgp.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.5, mMax: 2,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 300,
 *   synthSeeds: [7], synthPaths: 100, synthModels: ["static"], synthForward: ["rr25_21d"], synthFolds: 1,
 *   synthTestShare: 0.3 };
 * const path = buildDgpPath(p, 7, syntheticDgp("skewJump"));
 * console.assert(path.features.join() === "rv_20d,rr25_21d");
 * ```
 * @module
 */
import { hsMargin } from "../margin/hs.ts";
import { rollingMargin } from "../margin/rolling_margin.ts";
import { buildSyntheticFeatures } from "../features/synthetic_features.ts";
import { featureColumn } from "../features/feature_frame.ts";
import { createPrng } from "../core/prng.ts";
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { EWMA_TO_IM } from "./crude_study.ts";
import type { StudyMatrix } from "./dataset.ts";
import type { SyntheticDgp } from "./synthetic_dgp.ts";
import type { SyntheticParams, SyntheticPath, SyntheticSide } from "./synthetic_path.ts";
import { blockFolds } from "./walk_forward.ts";

/**
 * Build one market path under `dgp`: its market, the features (the historical `features` the synthetic frame has,
 * then `synthForward`), the HS VaR baseline, the oracle multiplier clip(q*_t / IM_t) from the DGP's oracle, and per
 * side the study matrix and folds — as `buildSyntheticPath` does for the base market.
 *
 * @throws {RangeError} when a `synthForward` entry is not a synthetic feature
 * @example
 * ```ts
 * import { buildDgpPath } from "./synthetic_dgp_path.ts";
 * import { syntheticDgp } from "./synthetic_dgp.ts";
 * const path = buildDgpPath({ mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99,
 *   mMin: 0.8, mMax: 1.5, features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1],
 *   synthDays: 300, synthSeeds: [7], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1,
 *   synthTestShare: 0.3 }, 7, syntheticDgp("baseline"));
 * console.assert(path.long.oracle.every((m) => m >= 0.8 && m <= 1.5));
 * ```
 */
export function buildDgpPath(p: SyntheticParams, seed: number, dgp: SyntheticDgp): SyntheticPath {
  const h = p.mpor;
  const market = dgp.market(seed, p.synthDays);
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
    const var99 = (w: Float64Array) => hsMargin(w, { tau: p.imTau, measure: "var" });
    const imAll = new Float64Array(T).fill(NaN);
    imAll.set(rollingMargin(pnl, var99, { lookback: p.lookback }), h);
    const oracleQ = dgp.oracle(market, h, sign, p.tau, createPrng(seed * 31 + (sign > 0 ? 1 : 2)), {
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
