/**
 * e04 — the core study. Can a learned correction factor `m_t ∈ [mMin, mMax]`
 * on top of a baseline HS VaR initial margin keep 99% coverage while holding
 * less, and steadier, margin than a static multiplier?
 *
 * Real track: long and short one WTI front-month contract (rolled P&L as in
 * e01), MPOR h, baseline IM_t = HS VaR of the last `lookback` overlapping h-day
 * P&Ls ending at t. Target ratio r_t = L_{t,t+h} / IM_t. Features from
 * `lib/features` (crude frame) at t, plus one experiment-local feature: the
 * EWMA vol relative to the vol implied by IM_t (both known at t).
 *
 * Protocol: yearly walk-forward. For test year Y the pre-test span holds every
 * sample row t with t + h + embargo < first row of Y (its loss is realised
 * before Y starts, plus an embargo). Networks train on the first
 * (1 − validShare) of it and early-stop on the last validShare (chronological,
 * with an h-row gap); the closed-form models (static, linear QR, forest) fit
 * on the whole pre-test span. Nothing is tuned on test data.
 *
 * Synthetic track: the seeded synthetic market, where the oracle (true
 * conditional 99% quantile) gives the oracle multiplier; one chronological
 * split; distance to the oracle and share of the oracle's pinball gain and
 * margin saving each model captures.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import type { Panel } from "../../../lib/data/panel.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../../../lib/market/cl_roll.ts";
import { generateSyntheticMarket } from "../../../lib/market/synthetic_market.ts";
import { oracleQuantileSeries } from "../../../lib/market/synthetic_oracle.ts";
import { hsMargin } from "../../../lib/margin/hs.ts";
import { rollingMargin } from "../../../lib/margin/rolling_margin.ts";
import { buildCrudeFeatures } from "../../../lib/features/crude_features.ts";
import { buildSyntheticFeatures } from "../../../lib/features/synthetic_features.ts";
import { featureColumn, type FeatureFrame } from "../../../lib/features/feature_frame.ts";
import { createPrng } from "../../../lib/core/prng.ts";
import {
  breachSeverity,
  christoffersen,
  dieboldMariano,
  efficiency,
  exceptions,
  kupiecPof,
  overlappingZoneLimits,
  pinballLoss,
  procyclicality,
  stability,
  trafficLight,
  type ZoneLimits,
} from "../../../lib/backtest/mod.ts";
import { clipMultiplier } from "../../../lib/target/bounded_multiplier.ts";
import type { Dataset, Forecaster } from "../../../lib/models/mod.ts";
import { linearQuantile, lstm, mlp, quantileForest, staticMultiplier, transformer } from "../../../lib/models/mod.ts";

interface Params {
  mpor: number;
  confidence: number;
  lookback: number;
  contractBbl: number;
  tau: number;
  mMin: number;
  mMax: number;
  sampleEnd: string;
  features: string[];
  forwardFeatures: string[];
  testYears: number[];
  embargo: number;
  validShare: number;
  models: string[];
  seeds: number[];
  netEpochs: number;
  netBatch: number;
  netLr: number;
  netPatience: number;
  mlpHidden: number[];
  seqLookback: number;
  lstmUnits: number;
  trfDModel: number;
  trfHeads: number;
  trfFfn: number;
  forestTrees: number;
  forestMaxDepth: number;
  forestMinLeaf: number;
  forestMaxRows: number;
  linearRidge: number;
  trafficSims: number;
  synthDays: number;
  synthSeed: number;
  synthPaths: number;
  synthModels: string[];
}

const MODEL_KINDS = ["static", "linear", "forest", "mlp", "mlpHist", "lstm", "transformer"] as const;
type ModelKind = typeof MODEL_KINDS[number];
const NETWORKS: readonly string[] = ["mlp", "mlpHist", "lstm", "transformer"];
/** Experiment-local feature: EWMA vol over the annualised vol implied by IM_t. */
const LOCAL_FEATURE = "ewma_to_im";

function isNetwork(k: string): boolean {
  return NETWORKS.includes(k);
}

function seqLookback(kind: string, p: Params): number {
  return kind === "lstm" || kind === "transformer" ? p.seqLookback : 0;
}

function makeModel(kind: string, p: Params, seed: number): Forecaster {
  const base = { tau: p.tau, mMin: p.mMin, mMax: p.mMax, seed };
  const train = {
    epochs: p.netEpochs,
    batchSize: p.netBatch,
    learningRate: p.netLr,
    patience: p.netPatience,
  };
  switch (kind as ModelKind) {
    case "static":
      return staticMultiplier(base);
    case "linear":
      return linearQuantile({ ...base, ridge: p.linearRidge });
    case "forest":
      return quantileForest({
        ...base,
        nEstimators: p.forestTrees,
        maxDepth: p.forestMaxDepth,
        minNumSamples: p.forestMinLeaf,
        maxTrainRows: p.forestMaxRows,
      });
    case "mlp":
    case "mlpHist":
      return mlp({ ...base, ...train, hidden: p.mlpHidden });
    case "lstm":
      return lstm({ ...base, ...train, lookback: p.seqLookback, units: p.lstmUnits });
    case "transformer":
      return transformer({
        ...base,
        ...train,
        lookback: p.seqLookback,
        dModel: p.trfDModel,
        heads: p.trfHeads,
        layers: 1,
        ffn: p.trfFfn,
      });
  }
  throw new RangeError(`e04: unknown model "${kind}" (known: ${MODEL_KINDS.join(", ")})`);
}

/** Rows [a, b) of a sample as a Dataset with the chosen columns. */
function slice(x: Float64Array, dAll: number, cols: number[], r: Float64Array, dates: string[], a: number, b: number) {
  const d = cols.length, n = b - a;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = x[(a + i) * dAll + cols[j]];
  return { x: out, d, r: r.slice(a, b), dates: dates.slice(a, b) } satisfies Dataset;
}

/** Numbers → {mean, sd, min, max} over runs (sd with n − 1; 0 for one run). */
function summarise(vals: number[]) {
  const n = vals.length;
  const mean = vals.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...vals), max: Math.max(...vals), n };
}

const ZONE_SCORE = { green: 0, yellow: 1, red: 2 } as const;

interface EvalCtx {
  loss: Float64Array;
  im: Float64Array;
  r: Float64Array;
  /** Year of each evaluation row. */
  years: number[];
  staticMult: Float64Array;
  zone: ZoneLimits;
  yearZone: (n: number) => ZoneLimits;
  tau: number;
  h: number;
}

/** Every metric of one multiplier series on the evaluation rows. */
function evaluate(m: Float64Array, e: EvalCtx): Record<string, number> {
  const n = m.length;
  const margin = new Float64Array(n), bench = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    margin[i] = m[i] * e.im[i];
    bench[i] = e.staticMult[i] * e.im[i];
  }
  const ex = exceptions(e.loss, margin);
  const kup = kupiecPof(ex.count, ex.n, e.tau);
  const chr = christoffersen(ex.flags, e.tau);
  const eff = efficiency(e.loss, margin, bench);
  const sev = breachSeverity(e.loss, margin);
  const pro = procyclicality(margin, { horizons: [1, 5, 30] });
  const stab = stability(margin);
  const stabM = stability(m);
  const pl = pinballLoss(e.r, m, e.tau);
  const plS = pinballLoss(e.r, e.staticMult, e.tau);
  let same = true;
  for (let i = 0; i < n && same; i++) same = m[i] === e.staticMult[i];
  const dm = same ? { stat: 0, pValue: 1 } : dieboldMariano(pl, plS, { h: e.h });
  // Basel-style yearly zones (each test year separately)
  let yellowYears = 0, redYears = 0;
  const yrs = [...new Set(e.years)];
  for (const y of yrs) {
    let c = 0, k = 0;
    for (let i = 0; i < n; i++) {
      if (e.years[i] === y) {
        k++;
        c += ex.flags[i];
      }
    }
    const z = trafficLight(c, e.yearZone(k));
    if (z === "yellow") yellowYears++;
    if (z === "red") redYears++;
  }
  let sm = 0, spl = 0;
  for (let i = 0; i < n; i++) {
    sm += m[i];
    spl += pl[i];
  }
  return {
    n,
    exceptions: ex.count,
    breachRate: ex.rate,
    kupiecLR: kup.lr,
    kupiecP: kup.pValue,
    christoffersenIndP: chr.independence.pValue,
    christoffersenCcP: chr.conditionalCoverage.pValue,
    zoneScore: ZONE_SCORE[trafficLight(ex.count, e.zone)],
    yellowYears,
    redYears,
    avgMultiplier: sm / n,
    avgMargin: eff.averageMargin,
    marginRatio: eff.relativeToBenchmark,
    meanExcess: eff.meanExcess,
    meanShortfall: sev.meanShortfall,
    maxShortfall: sev.maxShortfall,
    peakToTrough: pro.peakToTrough,
    maxInc1d: pro.maxIncrease["1"],
    maxInc5d: pro.maxIncrease["5"],
    maxInc30d: pro.maxIncrease["30"],
    meanAbsChange: stab.meanAbsChange,
    meanAbsChangeMult: stabM.meanAbsChange,
    pinball: spl / n,
    dmStat: dm.stat,
    dmP: dm.pValue,
  };
}

/** Per-metric summaries over runs. */
function summariseRuns(runs: Record<string, number>[]) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(runs[0])) out[k] = summarise(runs.map((r) => r[k]));
  return out;
}

function meanOf(arrs: Float64Array[]): Float64Array {
  const out = new Float64Array(arrs[0].length);
  for (const a of arrs) for (let i = 0; i < a.length; i++) out[i] += a[i] / arrs.length;
  return out;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r0 = (x: number) => Math.round(x);

await runStage<Params>(import.meta.url, {
  schema: {
    mpor: { type: "integer", min: 1, max: 20 },
    confidence: { type: "number", min: 0.5, max: 0.9999 },
    lookback: { type: "integer", min: 20 },
    contractBbl: { type: "number", min: 1 },
    tau: { type: "number", min: 0.5, max: 0.9999 },
    mMin: { type: "number", min: 0 },
    mMax: { type: "number", min: 0 },
    sampleEnd: { type: "date" },
    features: { type: "string[]", minLength: 1 },
    forwardFeatures: { type: "string[]" },
    testYears: { type: "integer[]", min: 1990, max: 2030, minLength: 1 },
    embargo: { type: "integer", min: 0 },
    validShare: { type: "number", min: 0.05, max: 0.5 },
    models: { type: "string[]", enum: MODEL_KINDS, minLength: 1 },
    seeds: { type: "integer[]", minLength: 1 },
    netEpochs: { type: "integer", min: 1 },
    netBatch: { type: "integer", min: 1 },
    netLr: { type: "number", min: 0 },
    netPatience: { type: "integer", min: 1 },
    mlpHidden: { type: "integer[]", min: 1, minLength: 1 },
    seqLookback: { type: "integer", min: 1 },
    lstmUnits: { type: "integer", min: 1 },
    trfDModel: { type: "integer", min: 1 },
    trfHeads: { type: "integer", min: 1 },
    trfFfn: { type: "integer", min: 1 },
    forestTrees: { type: "integer", min: 1 },
    forestMaxDepth: { type: "integer", min: 1 },
    forestMinLeaf: { type: "integer", min: 1 },
    forestMaxRows: { type: "integer", min: 2 },
    linearRidge: { type: "number", min: 0 },
    trafficSims: { type: "integer", min: 100 },
    synthDays: { type: "integer", min: 0 },
    synthSeed: { type: "integer" },
    synthPaths: { type: "integer", min: 100 },
    synthModels: { type: "string[]", enum: MODEL_KINDS },
  },
  async run(ctx) {
    const p = ctx.params;
    const h = p.mpor;
    if (!(p.mMin < 1 && p.mMax > 1)) throw new RangeError(`params: need mMin < 1 < mMax, got [${p.mMin}, ${p.mMax}]`);
    for (const f of p.forwardFeatures) {
      if (!p.features.includes(f)) throw new RangeError(`params: forwardFeatures entry "${f}" is not in features`);
    }
    const tStart = performance.now();

    // ---------- data, P&L, baseline IM ----------
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const all = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
    const endCl = all.dates.findLastIndex((_, i) => !Number.isNaN(all.columns.cl1[i]));
    const end = Math.min(endCl, all.dates.findLastIndex((d) => d <= p.sampleEnd));
    const panel: Panel = {
      dates: all.dates.slice(0, end + 1),
      columns: Object.fromEntries(Object.entries(all.columns).map(([k, v]) => [k, v.slice(0, end + 1)])),
      meta: all.meta,
      fill: all.fill,
    };
    const dates = panel.dates, T = dates.length;
    const cl1 = panel.columns.cl1, cl2 = panel.columns.cl2;
    const daily = rolledDailyPnl(cl1, cl2, clLastTradingDays(dates), p.contractBbl);
    const pnlH = overlappingSum(daily, h);
    const first = pnlH.findIndex((x) => !Number.isNaN(x));
    const frame = buildCrudeFeatures(panel);
    const level = featureColumn(frame, "level_scale"), ewma = featureColumn(frame, "ewma_vol");
    const libFeatures = p.features.filter((f) => f !== LOCAL_FEATURE);
    for (const f of libFeatures) {
      if (!frame.names.includes(f)) throw new RangeError(`params.features: "${f}" is not a crude feature (${frame.names})`);
    }
    const sides = { long: 1, short: -1 } as const;
    type Side = keyof typeof sides;
    const im = {} as Record<Side, Float64Array>, loss = {} as Record<Side, Float64Array>;
    for (const [side, sign] of Object.entries(sides) as [Side, number][]) {
      const pnl = new Float64Array(T - first);
      for (let i = 0; i < pnl.length; i++) pnl[i] = sign * pnlH[first + i];
      const var99 = (w: Float64Array) => hsMargin(w, { confidence: p.confidence, measure: "var" });
      const x = new Float64Array(T).fill(NaN);
      x.set(rollingMargin(pnl, var99, { lookback: p.lookback }), first);
      im[side] = x;
      const l = new Float64Array(T).fill(NaN);
      for (let t = 0; t + h < T; t++) l[t] = -sign * pnlH[t + h];
      loss[side] = l;
    }
    // ---------- sample: rows where every feature, IM and the loss exist ----------
    const F = p.features.length;
    const featCols = p.features.map((f) => f === LOCAL_FEATURE ? -1 : frame.names.indexOf(f));
    const okRow = (t: number) => {
      for (const s of ["long", "short"] as Side[]) if (!(im[s][t] > 0) || !Number.isFinite(loss[s][t])) return false;
      if (!(ewma[t] > 0) || !(level[t] > 0)) return false;
      for (const j of featCols) if (j >= 0 && !Number.isFinite(frame.values[t * frame.names.length + j])) return false;
      return true;
    };
    let s0 = 0;
    while (s0 < T && !okRow(s0)) s0++;
    let s1 = T - 1;
    while (s1 > s0 && !okRow(s1)) s1--;
    for (let t = s0; t <= s1; t++) {
      if (!okRow(t)) throw new RangeError(`e04: feature/IM gap inside the sample on ${dates[t]}; fix the panel`);
    }
    const N = s1 - s0 + 1;
    const sDates = dates.slice(s0, s1 + 1);
    ctx.log(`sample ${sDates[0]} … ${sDates[N - 1]}: ${N} rows, ${F} features`);
    // Design matrix per side (the local feature depends on the side's IM).
    const X = {} as Record<Side, Float64Array>, R = {} as Record<Side, Float64Array>;
    const scaleH = p.contractBbl * Math.sqrt(h / 252);
    for (const side of ["long", "short"] as Side[]) {
      const x = new Float64Array(N * F), r = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const t = s0 + i;
        for (let j = 0; j < F; j++) {
          const c = featCols[j];
          x[i * F + j] = c >= 0
            ? frame.values[t * frame.names.length + c]
            : ewma[t] / (im[side][t] / (scaleH * level[t]));
        }
        r[i] = loss[side][t] / im[side][t];
      }
      X[side] = x;
      R[side] = r;
    }
    const allCols = p.features.map((_, j) => j);
    const histCols = allCols.filter((j) => !p.forwardFeatures.includes(p.features[j]));
    const colsOf = (kind: string) => kind === "mlpHist" ? histCols : allCols;

    // ---------- walk-forward folds ----------
    interface Fold {
      year: number;
      pre: number;
      trainEnd: number;
      validStart: number;
      test: [number, number];
    }
    const folds: Fold[] = [];
    for (const y of p.testYears) {
      const a = sDates.findIndex((d) => d >= `${y}-01-01`);
      let b = sDates.findIndex((d) => d > `${y}-12-31`);
      if (b < 0) b = N;
      if (a < 0 || a >= b) throw new RangeError(`testYears: no sample rows in ${y} (sample ${sDates[0]}…${sDates[N - 1]})`);
      const pre = a - h - p.embargo; // rows [0, pre): loss realised before test start, plus embargo
      const nValid = Math.round(pre * p.validShare);
      const validStart = pre - nValid, trainEnd = validStart - h;
      if (trainEnd < 250) throw new RangeError(`testYears: ${y} leaves only ${trainEnd} training rows`);
      folds.push({ year: y, pre, trainEnd, validStart, test: [a, b] });
    }
    // test rows of all folds, in order
    const evalRows: number[] = [];
    for (const f of folds) for (let i = f.test[0]; i < f.test[1]; i++) evalRows.push(i);

    const runKey = (side: Side, kind: string, seed: number) => `${side}|${kind}|${seed}`;
    const preds = new Map<string, Float64Array[]>();
    const fitInfo: Record<string, { year: number; side: string; model: string; seed: number; epochs: number; bestEpoch: number; validPinball: number }[]> = {};
    const seedsOf = (kind: string) => isNetwork(kind) ? p.seeds : [p.seeds[0]];
    const timeByModel: Record<string, number> = {};
    for (const f of folds) {
      for (const side of ["long", "short"] as Side[]) {
        for (const kind of p.models) {
          for (const seed of seedsOf(kind)) {
            const t0 = performance.now();
            const cols = colsOf(kind);
            const net = isNetwork(kind);
            const train = slice(X[side], F, cols, R[side], sDates, 0, net ? f.trainEnd : f.pre);
            const valid = slice(X[side], F, cols, R[side], sDates, f.validStart, f.pre);
            const model = makeModel(kind, p, seed);
            const rep = await model.fit(train, valid);
            const L = seqLookback(kind, p);
            const from = Math.max(0, f.test[0] - Math.max(L - 1, 0));
            const test = slice(X[side], F, cols, R[side], sDates, from, f.test[1]);
            const m = model.predict(test.x).slice(f.test[0] - from);
            model.dispose();
            const k = runKey(side, kind, seed);
            if (!preds.has(k)) preds.set(k, []);
            preds.get(k)!.push(m);
            (fitInfo[kind] ??= []).push({
              year: f.year,
              side,
              model: kind,
              seed,
              epochs: rep.epochs,
              bestEpoch: rep.bestEpoch,
              validPinball: rep.validPinball,
            });
            const dt = (performance.now() - t0) / 1000;
            timeByModel[kind] = (timeByModel[kind] ?? 0) + dt;
            if (f === folds[0]) ctx.log(`  ${f.year} ${side} ${kind} seed ${seed}: ${rep.epochs} epochs, ${dt.toFixed(1)}s`);
          }
        }
      }
      const el = (performance.now() - tStart) / 1000;
      ctx.log(`fold ${f.year}: train ${f.trainEnd}, valid ${f.pre - f.validStart}, test ${f.test[1] - f.test[0]} rows; ${el.toFixed(0)}s`);
    }

    // ---------- evaluation ----------
    const years = evalRows.map((i) => Number(sDates[i].slice(0, 4)));
    const zone = overlappingZoneLimits(evalRows.length, h, p.tau, createPrng(p.seeds[0] + 7919), { nSims: p.trafficSims });
    const yzCache = new Map<number, ZoneLimits>();
    const yearZone = (n: number) => {
      if (!yzCache.has(n)) {
        yzCache.set(n, overlappingZoneLimits(n, h, p.tau, createPrng(p.seeds[0] + 104729 + n), { nSims: p.trafficSims }));
      }
      return yzCache.get(n)!;
    };
    const metrics: Record<string, unknown> = {};
    const series: Record<string, unknown> = { dates: evalRows.map((i) => sDates[i]) };
    const cat = (a: Float64Array[]) => {
      const out = new Float64Array(evalRows.length);
      let o = 0;
      for (const x of a) {
        out.set(x, o);
        o += x.length;
      }
      return out;
    };
    const models = [...p.models];
    for (const side of ["long", "short"] as Side[]) {
      const lossE = Float64Array.from(evalRows, (i) => loss[side][s0 + i]);
      const imE = Float64Array.from(evalRows, (i) => im[side][s0 + i]);
      const rE = Float64Array.from(evalRows, (i) => R[side][i]);
      const staticMult = models.includes("static")
        ? cat(preds.get(runKey(side, "static", p.seeds[0]))!)
        : new Float64Array(evalRows.length).fill(1);
      const e: EvalCtx = { loss: lossE, im: imE, r: rE, years, staticMult, zone, yearZone, tau: p.tau, h };
      const sideOut: Record<string, unknown> = {};
      sideOut.baselineHs = summariseRuns([evaluate(new Float64Array(evalRows.length).fill(1), e)]);
      const ensembles: Record<string, Float64Array> = {};
      for (const kind of models) {
        const runs = seedsOf(kind).map((seed) => cat(preds.get(runKey(side, kind, seed))!));
        sideOut[kind] = summariseRuns(runs.map((m) => evaluate(m, e)));
        if (runs.length > 1) {
          const ens = meanOf(runs);
          ensembles[kind] = ens;
          sideOut[`${kind}Ens`] = summariseRuns([evaluate(ens, e)]);
        }
      }
      // Feature ablation: MLP with vs without the forward-looking features (seed ensembles and per-seed pinball).
      if (ensembles.mlp && ensembles.mlpHist) {
        const plF = pinballLoss(rE, ensembles.mlp, p.tau), plH = pinballLoss(rE, ensembles.mlpHist, p.tau);
        const dmE = dieboldMariano(plF, plH, { h });
        const perSeed = p.seeds.map((seed) => {
          const a = pinballLoss(rE, cat(preds.get(runKey(side, "mlp", seed))!), p.tau);
          const b = pinballLoss(rE, cat(preds.get(runKey(side, "mlpHist", seed))!), p.tau);
          let d = 0;
          for (let i = 0; i < a.length; i++) d += (a[i] - b[i]) / a.length;
          return d;
        });
        const get = (k: string, f: string) => (sideOut[k] as Record<string, { mean: number }>)[f].mean;
        sideOut.ablation = {
          pinballDiff: summarise(perSeed),
          fullBetterSeeds: perSeed.filter((d) => d < 0).length,
          ensDmStat: dmE.stat,
          ensDmP: dmE.pValue,
          breachRateDiff: get("mlp", "breachRate") - get("mlpHist", "breachRate"),
          marginRatioDiff: get("mlp", "marginRatio") - get("mlpHist", "marginRatio"),
        };
      }
      // Oracle-free "ideal": the static multiplier that would have been right on the test period (hindsight).
      const sorted = Float64Array.from(rE).sort();
      const qHind = clipMultiplier(sorted[Math.min(sorted.length - 1, Math.ceil(p.tau * sorted.length) - 1)], p.mMin, p.mMax);
      sideOut.hindsightStatic = { multiplier: qHind };
      metrics[side] = sideOut;
      // best network by mean test pinball (display choice only — nothing is fitted on it)
      const nets = models.filter(isNetwork);
      let best = nets[0];
      for (const k of nets) {
        const pb = (sideOut[k] as { pinball: { mean: number } }).pinball.mean;
        if (pb < (sideOut[best] as { pinball: { mean: number } }).pinball.mean) best = k;
      }
      if (best !== undefined) (sideOut as Record<string, unknown>).bestNetwork = best;
      const ser: Record<string, unknown> = {
        loss: Array.from(lossE, r0),
        im: Array.from(imE, r0),
        static: Array.from(staticMult, r3),
      };
      if (best !== undefined) {
        const runs = seedsOf(best).map((seed) => cat(preds.get(runKey(side, best, seed))!));
        const lo = runs[0].slice(), hi = runs[0].slice();
        for (const m of runs) {
          for (let i = 0; i < m.length; i++) {
            lo[i] = Math.min(lo[i], m[i]);
            hi[i] = Math.max(hi[i], m[i]);
          }
        }
        ser.best = best;
        ser.bestMean = Array.from(ensembles[best] ?? runs[0], r3);
        ser.bestLo = Array.from(lo, r3);
        ser.bestHi = Array.from(hi, r3);
      }
      series[side] = ser;
      ctx.log(`${side}: evaluated ${models.length} models on ${evalRows.length} rows`);
    }
    const fitSummary: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fitInfo)) {
      fitSummary[k] = {
        fits: v.length,
        meanEpochs: v.reduce((s, x) => s + x.epochs, 0) / v.length,
        meanBestEpoch: v.reduce((s, x) => s + x.bestEpoch, 0) / v.length,
      };
    }
    metrics.design = {
      sampleFrom: sDates[0],
      sampleTo: sDates[N - 1],
      sampleRows: N,
      nFeatures: F,
      nHistFeatures: histCols.length,
      nForwardFeatures: F - histCols.length,
      testFrom: sDates[evalRows[0]],
      testTo: sDates[evalRows[evalRows.length - 1]],
      testRows: evalRows.length,
      firstTestYear: folds[0].year,
      lastTestYear: folds[folds.length - 1].year,
      nFolds: folds.length,
      nSeeds: p.seeds.length,
      firstTrainRows: folds[0].trainEnd,
      lastTrainRows: folds[folds.length - 1].trainEnd,
      zoneGreenMax: zone.greenMax,
      zoneYellowMax: zone.yellowMax,
      folds: folds.map((f) => ({
        year: f.year,
        trainFrom: sDates[0],
        trainTo: sDates[f.trainEnd - 1],
        validFrom: sDates[f.validStart],
        validTo: sDates[f.pre - 1],
        testFrom: sDates[f.test[0]],
        testTo: sDates[f.test[1] - 1],
      })),
      fits: fitSummary,
    };

    // ---------- synthetic track ----------
    if (p.synthDays > 0) metrics.synthetic = await syntheticTrack(p, ctx.log);
    const wall = (performance.now() - tStart) / 1000;
    ctx.log(`done in ${wall.toFixed(0)}s; fit seconds by model: ${JSON.stringify(Object.fromEntries(Object.entries(timeByModel).map(([k, v]) => [k, Math.round(v)])))}`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});

/**
 * The synthetic track: features (futures + curve, no surface), baseline HS VaR,
 * the oracle multiplier clip(q*_t / IM_t), one chronological split
 * (train / valid / test = 60 / 20 / 20 with h-row gaps), each model's distance to the oracle.
 */
async function syntheticTrack(p: Params, log: (s: string) => void): Promise<Record<string, unknown>> {
  const h = p.mpor;
  const market = generateSyntheticMarket(p.synthSeed, { days: p.synthDays, chains: false });
  const frame: FeatureFrame = buildSyntheticFeatures(market, { surface: false });
  const T = market.dates.length;
  const level = featureColumn(frame, "level_scale"), ewma = featureColumn(frame, "ewma_vol");
  const feats = p.features.filter((f) => frame.names.includes(f) || f === LOCAL_FEATURE);
  const out: Record<string, unknown> = { days: T, seed: p.synthSeed, features: feats.length };
  const scaleH = p.contractBbl * Math.sqrt(h / 252);
  for (const [side, sign] of [["long", 1], ["short", -1]] as const) {
    const pnl = new Float64Array(T - h);
    for (let t = h; t < T; t++) pnl[t - h] = sign * p.contractBbl * (market.front[t] - market.front[t - h]);
    const var99 = (w: Float64Array) => hsMargin(w, { confidence: p.confidence, measure: "var" });
    const imAll = new Float64Array(T).fill(NaN);
    imAll.set(rollingMargin(pnl, var99, { lookback: p.lookback }), h);
    const oracleQ = oracleQuantileSeries(market, h, sign, p.tau, createPrng(p.synthSeed * 31 + (sign > 0 ? 1 : 2)), {
      paths: p.synthPaths,
      contractSize: p.contractBbl,
    });
    const rows: number[] = [];
    for (let t = 0; t + h < T; t++) {
      let ok = imAll[t] > 0 && ewma[t] > 0 && level[t] > 0;
      for (const f of feats) if (f !== LOCAL_FEATURE && !Number.isFinite(featureColumn(frame, f)[t])) ok = false;
      if (ok) rows.push(t);
    }
    const n = rows.length, F = feats.length;
    const x = new Float64Array(n * F), r = new Float64Array(n), mOr = new Float64Array(n);
    const cols = feats.map((f) => f === LOCAL_FEATURE ? null : featureColumn(frame, f));
    rows.forEach((t, i) => {
      cols.forEach((c, j) => {
        x[i * F + j] = c ? c[t] : ewma[t] / (imAll[t] / (scaleH * level[t]));
      });
      const L = -sign * p.contractBbl * (market.front[t + h] - market.front[t]);
      r[i] = L / imAll[t];
      mOr[i] = clipMultiplier(oracleQ[t] / imAll[t], p.mMin, p.mMax);
    });
    const dates = rows.map((t) => market.dates[t]);
    const trEnd = Math.floor(n * 0.6), vaStart = trEnd + h, vaEnd = Math.floor(n * 0.8), teStart = vaEnd + h;
    const all = [...Array(F).keys()];
    const train = slice(x, F, all, r, dates, 0, trEnd), valid = slice(x, F, all, r, dates, vaStart, vaEnd);
    const full = slice(x, F, all, r, dates, 0, vaEnd);
    const te: [number, number] = [teStart, n];
    const rT = r.slice(te[0], te[1]), orT = mOr.slice(te[0], te[1]);
    const imT = Float64Array.from(rows.slice(te[0], te[1]), (t) => imAll[t]);
    const lossT = Float64Array.from(rT, (v, i) => v * imT[i]);
    const stat = (m: Float64Array) => {
      let pb = 0, mae = 0, avg = 0;
      const pl = pinballLoss(rT, m, p.tau);
      for (let i = 0; i < m.length; i++) {
        pb += pl[i];
        mae += Math.abs(m[i] - orT[i]);
        avg += m[i] * imT[i];
      }
      const ex = exceptions(lossT, Float64Array.from(m, (v, i) => v * imT[i]));
      return { pinball: pb / m.length, maeToOracle: mae / m.length, avgMargin: avg / m.length, breachRate: ex.rate };
    };
    const oracle = stat(orT);
    const res: Record<string, unknown> = { testRows: rT.length, oracle };
    let staticStat: ReturnType<typeof stat> | undefined;
    for (const kind of ["static", ...p.synthModels.filter((k) => k !== "static")]) {
      const runs: Record<string, number>[] = [];
      for (const seed of isNetwork(kind) ? p.seeds : [p.seeds[0]]) {
        const model = makeModel(kind, p, seed);
        await model.fit(isNetwork(kind) ? train : full, valid);
        const L = seqLookback(kind, p);
        const from = Math.max(0, te[0] - Math.max(L - 1, 0));
        const m = model.predict(slice(x, F, all, r, dates, from, te[1]).x).slice(te[0] - from);
        model.dispose();
        const s = stat(m);
        if (kind === "static") staticStat = s;
        const sS = staticStat!;
        runs.push({
          ...s,
          pinballGainCaptured: (sS.pinball - s.pinball) / (sS.pinball - oracle.pinball),
          marginSavingCaptured: (sS.avgMargin - s.avgMargin) / (sS.avgMargin - oracle.avgMargin),
        });
      }
      res[kind] = summariseRuns(runs);
    }
    out[side] = res;
    log(`synthetic ${side}: oracle pinball ${oracle.pinball.toFixed(4)}, static ${staticStat!.pinball.toFixed(4)}`);
  }
  return out;
}
