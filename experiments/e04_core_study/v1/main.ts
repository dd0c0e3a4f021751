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
 * before Y starts, plus an embargo). Every model trains on the first
 * (1 − validShare) of it; the networks early-stop on the last validShare
 * (chronological, with an h-row gap; the library requires validation after
 * training). Nothing is tuned on test data.
 *
 * Synthetic track: the seeded synthetic market, where the oracle (true
 * conditional 99% quantile) gives the oracle multiplier; walk-forward over
 * blocks of the last part of the sample; distance to the oracle and share of
 * the oracle's pinball gain and margin saving each model captures.
 *
 * Outputs: `metrics.{profile}.json` (per side and model: mean/sd/min/max over
 * seeds of every backtest metric, `<model>Ens` for seed ensembles, `byYear`,
 * `ablation`, `design`, `synthetic`) and `series.{profile}.json` (what the
 * figures draw: test dates, loss, IM, static and best-network multipliers).
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
  synthForward: string[];
  synthFolds: number;
  synthTestShare: number;
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
  // Overlapping h-day windows make breaches cluster mechanically; also test every h-th day.
  const chrNo = christoffersen(ex.flags.filter((_, i) => i % e.h === 0), e.tau);
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
    christoffersenIndPNonOverlap: chrNo.independence.pValue,
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

/** One walk-forward fold: rows [0, pre) are pre-test; models train on [0, trainEnd) and validate on [validStart, pre). */
interface Fold {
  year: number;
  pre: number;
  trainEnd: number;
  validStart: number;
  test: [number, number];
}

interface FitRecord {
  model: string;
  epochs: number;
  bestEpoch: number;
}

/** Networks get every seed; the deterministic / closed-form models the first one. */
function modelSeeds(kind: string, p: Params): number[] {
  return isNetwork(kind) ? p.seeds : [p.seeds[0]];
}

/** Fit every model × seed on every fold; returns the test multipliers per `kind|seed`, one array per fold. */
async function fitWalkForward(a: {
  x: Float64Array;
  r: Float64Array;
  F: number;
  dates: string[];
  folds: Fold[];
  kinds: string[];
  colsOf: (kind: string) => number[];
  p: Params;
  log: (s: string) => void;
  tag: string;
  timeByModel: Record<string, number>;
  fitInfo: FitRecord[];
}): Promise<Map<string, Float64Array[]>> {
  const out = new Map<string, Float64Array[]>();
  for (const f of a.folds) {
    const t0f = performance.now();
    for (const kind of a.kinds) {
      for (const seed of modelSeeds(kind, a.p)) {
        const t0 = performance.now();
        const cols = a.colsOf(kind);
        const train = slice(a.x, a.F, cols, a.r, a.dates, 0, f.trainEnd);
        const valid = slice(a.x, a.F, cols, a.r, a.dates, f.validStart, f.pre);
        const model = makeModel(kind, a.p, seed);
        const rep = await model.fit(train, valid);
        const L = seqLookback(kind, a.p);
        const from = Math.max(0, f.test[0] - Math.max(L - 1, 0));
        const test = slice(a.x, a.F, cols, a.r, a.dates, from, f.test[1]);
        const m = model.predict(test.x).slice(f.test[0] - from);
        model.dispose();
        const k = `${kind}|${seed}`;
        if (!out.has(k)) out.set(k, []);
        out.get(k)!.push(m);
        a.fitInfo.push({ model: kind, epochs: rep.epochs, bestEpoch: rep.bestEpoch });
        a.timeByModel[kind] = (a.timeByModel[kind] ?? 0) + (performance.now() - t0) / 1000;
      }
    }
    const dt = (performance.now() - t0f) / 1000;
    a.log(
      `${a.tag} fold ${f.year}: train ${f.trainEnd}, valid ${f.pre - f.validStart}, test ${
        f.test[1] - f.test[0]
      } rows; ${dt.toFixed(0)}s`,
    );
  }
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
    synthForward: { type: "string[]" },
    synthFolds: { type: "integer", min: 1 },
    synthTestShare: { type: "number", min: 0.05, max: 0.8 },
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
      if (!frame.names.includes(f)) {
        throw new RangeError(`params.features: "${f}" is not a crude feature (${frame.names})`);
      }
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
    const folds: Fold[] = [];
    for (const y of p.testYears) {
      const a = sDates.findIndex((d) => d >= `${y}-01-01`);
      let b = sDates.findIndex((d) => d > `${y}-12-31`);
      if (b < 0) b = N;
      if (a < 0 || a >= b) {
        throw new RangeError(`testYears: no sample rows in ${y} (sample ${sDates[0]}…${sDates[N - 1]})`);
      }
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
    const fitInfo: FitRecord[] = [];
    const seedsOf = (kind: string) => modelSeeds(kind, p);
    const timeByModel: Record<string, number> = {};
    for (const side of ["long", "short"] as Side[]) {
      const got = await fitWalkForward({
        x: X[side],
        r: R[side],
        F,
        dates: sDates,
        folds,
        kinds: p.models,
        colsOf,
        p,
        log: ctx.log,
        tag: side,
        timeByModel,
        fitInfo,
      });
      for (const [k, v] of got) preds.set(`${side}|${k}`, v);
    }

    // ---------- evaluation ----------
    const years = evalRows.map((i) => Number(sDates[i].slice(0, 4)));
    const zone = overlappingZoneLimits(evalRows.length, h, p.tau, createPrng(p.seeds[0] + 7919), {
      nSims: p.trafficSims,
    });
    const yzCache = new Map<number, ZoneLimits>();
    const yearZone = (n: number) => {
      if (!yzCache.has(n)) {
        yzCache.set(
          n,
          overlappingZoneLimits(n, h, p.tau, createPrng(p.seeds[0] + 104729 + n), { nSims: p.trafficSims }),
        );
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
      // Per test year: exceptions and margin relative to static (seed ensembles for the networks).
      const byYear: Record<string, Record<string, { exceptions: number; marginRatio: number }>> = {};
      const yearList = [...new Set(years)];
      const perYear = (name: string, m: Float64Array) => {
        const o: Record<string, { exceptions: number; marginRatio: number }> = {};
        for (const y of yearList) {
          let c = 0, a = 0, b = 0;
          for (let i = 0; i < m.length; i++) {
            if (years[i] !== y) continue;
            if (lossE[i] > m[i] * imE[i]) c++;
            a += m[i] * imE[i];
            b += staticMult[i] * imE[i];
          }
          o[`y${y}`] = { exceptions: c, marginRatio: a / b };
        }
        byYear[name] = o;
      };
      perYear("baselineHs", new Float64Array(evalRows.length).fill(1));
      for (const kind of models) {
        perYear(kind, ensembles[kind] ?? cat(preds.get(runKey(side, kind, p.seeds[0]))!));
      }
      sideOut.byYear = byYear;
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
      // Reference only (not a model): the static multiplier that would have been right on the pooled test period.
      const sorted = Float64Array.from(rE).sort();
      const qHind = clipMultiplier(
        sorted[Math.min(sorted.length - 1, Math.ceil(p.tau * sorted.length) - 1)],
        p.mMin,
        p.mMax,
      );
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
    for (const kind of p.models) {
      const v = fitInfo.filter((x) => x.model === kind);
      fitSummary[kind] = {
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
      ovxFrom: dates[panel.columns.ovx.findIndex((v) => Number.isFinite(v))],
      vix3mFrom: dates[panel.columns.vix3m.findIndex((v) => Number.isFinite(v))],
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
    ctx.log(
      `done in ${wall.toFixed(0)}s; fit seconds by model: ${
        JSON.stringify(Object.fromEntries(Object.entries(timeByModel).map(([k, v]) => [k, Math.round(v)])))
      }`,
    );
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});

/**
 * The synthetic track: the seeded synthetic market with its option chains;
 * features = the real track's historical features that exist there, plus
 * `synthForward` (curve and option-surface features, the analogues of
 * OVX/VIX/SKEW/curve); baseline HS VaR; the oracle multiplier
 * clip(q*_t / IM_t) from the true conditional quantile q*_t. Walk-forward over
 * `synthFolds` blocks of the last `synthTestShare` of the rows, with the same
 * embargo and validation rule as the real track. Pinball loss is minimised in
 * expectation by the oracle, so "gain captured" = (PL_static − PL_model) /
 * (PL_static − PL_oracle) says how much of the attainable improvement a model gets.
 */
async function syntheticTrack(p: Params, log: (s: string) => void): Promise<Record<string, unknown>> {
  const h = p.mpor;
  if (!p.synthModels.includes("static")) throw new RangeError(`synthModels must include "static" (the benchmark)`);
  for (const k of p.synthModels) {
    if (seqLookback(k, p) > 0) {
      throw new RangeError(`synthModels: sequence model "${k}" is not supported (rows may have gaps)`);
    }
  }
  const market = generateSyntheticMarket(p.synthSeed, { days: p.synthDays });
  const frame: FeatureFrame = buildSyntheticFeatures(market);
  const T = market.dates.length;
  const level = featureColumn(frame, "level_scale"), ewma = featureColumn(frame, "ewma_vol");
  for (const f of p.synthForward) {
    if (!frame.names.includes(f)) {
      throw new RangeError(`synthForward: "${f}" is not a synthetic feature (${frame.names})`);
    }
  }
  const hist = p.features.filter((f) =>
    !p.forwardFeatures.includes(f) && (f === LOCAL_FEATURE || frame.names.includes(f))
  );
  const feats = [...hist, ...p.synthForward];
  const F = feats.length;
  const allCols = feats.map((_, j) => j), histCols = allCols.slice(0, hist.length);
  const colsOf = (k: string) => k === "mlpHist" ? histCols : allCols;
  const cols = feats.map((f) => f === LOCAL_FEATURE ? null : featureColumn(frame, f));
  const out: Record<string, unknown> = {
    days: T,
    seed: p.synthSeed,
    features: F,
    histFeatures: hist.length,
    forwardFeatures: p.synthForward.length,
    stressShare: market.regime.reduce((s, v) => s + v, 0) / T,
  };
  const scaleH = p.contractBbl * Math.sqrt(h / 252);
  const timeByModel: Record<string, number> = {};
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
      for (const c of cols) if (c && !Number.isFinite(c[t])) ok = false;
      if (ok) rows.push(t);
    }
    const n = rows.length;
    const x = new Float64Array(n * F), r = new Float64Array(n), mOr = new Float64Array(n), imR = new Float64Array(n);
    rows.forEach((t, i) => {
      cols.forEach((c, j) => {
        x[i * F + j] = c ? c[t] : ewma[t] / (imAll[t] / (scaleH * level[t]));
      });
      r[i] = -sign * p.contractBbl * (market.front[t + h] - market.front[t]) / imAll[t];
      mOr[i] = clipMultiplier(oracleQ[t] / imAll[t], p.mMin, p.mMax);
      imR[i] = imAll[t];
    });
    const dates = rows.map((t) => market.dates[t]);
    const testStart = Math.floor(n * (1 - p.synthTestShare));
    const block = Math.floor((n - testStart) / p.synthFolds);
    const folds: Fold[] = [];
    for (let k = 0; k < p.synthFolds; k++) {
      const a = testStart + k * block, b = k === p.synthFolds - 1 ? n : a + block;
      const pre = a - h - p.embargo;
      const validStart = pre - Math.round(pre * p.validShare);
      folds.push({ year: k + 1, pre, trainEnd: validStart - h, validStart, test: [a, b] });
    }
    const got = await fitWalkForward({
      x,
      r,
      F,
      dates,
      folds,
      kinds: p.synthModels,
      colsOf,
      p,
      log,
      tag: `synthetic ${side}`,
      timeByModel,
      fitInfo: [],
    });
    const evalRows: number[] = [];
    for (const f of folds) for (let i = f.test[0]; i < f.test[1]; i++) evalRows.push(i);
    const rT = Float64Array.from(evalRows, (i) => r[i]), orT = Float64Array.from(evalRows, (i) => mOr[i]);
    const imT = Float64Array.from(evalRows, (i) => imR[i]);
    const lossT = Float64Array.from(rT, (v, i) => v * imT[i]);
    const cat = (a: Float64Array[]) => {
      const o = new Float64Array(evalRows.length);
      let k = 0;
      for (const v of a) {
        o.set(v, k);
        k += v.length;
      }
      return o;
    };
    const plOr = pinballLoss(rT, orT, p.tau);
    const staticM = cat(got.get(`static|${p.seeds[0]}`)!);
    const plS = pinballLoss(rT, staticM, p.tau);
    const mean = (a: ArrayLike<number>) => {
      let t = 0;
      for (let i = 0; i < a.length; i++) t += a[i];
      return t / a.length;
    };
    const marginOf = (m: Float64Array) => mean(Float64Array.from(m, (v, i) => v * imT[i]));
    const stat = (m: Float64Array) => {
      const pl = pinballLoss(rT, m, p.tau);
      let mae = 0;
      for (let i = 0; i < m.length; i++) mae += Math.abs(m[i] - orT[i]) / m.length;
      const ex = exceptions(lossT, Float64Array.from(m, (v, i) => v * imT[i]));
      let same = true;
      for (let i = 0; i < m.length && same; i++) same = m[i] === staticM[i];
      const dm = same ? { stat: 0, pValue: 1 } : dieboldMariano(pl, plS, { h });
      const pb = mean(pl), pbS = mean(plS), pbO = mean(plOr);
      const mg = marginOf(m), mgS = marginOf(staticM), mgO = marginOf(orT);
      return {
        pinball: pb,
        maeToOracle: mae,
        avgMultiplier: mean(m),
        avgMargin: mg,
        marginRatio: mg / mgS,
        breachRate: ex.rate,
        pinballGainCaptured: (pbS - pb) / (pbS - pbO),
        marginSavingCaptured: (mgS - mg) / (mgS - mgO),
        dmStat: dm.stat,
        dmP: dm.pValue,
      };
    };
    const res: Record<string, unknown> = { testRows: evalRows.length, folds: folds.length, oracle: stat(orT) };
    const ens: Record<string, Float64Array> = {};
    for (const kind of p.synthModels) {
      const runs = modelSeeds(kind, p).map((seed) => cat(got.get(`${kind}|${seed}`)!));
      res[kind] = summariseRuns(runs.map(stat));
      if (runs.length > 1) {
        ens[kind] = meanOf(runs);
        res[`${kind}Ens`] = summariseRuns([stat(ens[kind])]);
      }
    }
    if (ens.mlp && ens.mlpHist) {
      const g = (k: string) => (res[k] as Record<string, { mean: number }>).pinballGainCaptured.mean;
      const dmA = dieboldMariano(pinballLoss(rT, ens.mlp, p.tau), pinballLoss(rT, ens.mlpHist, p.tau), { h });
      res.ablation = { gainCapturedDiff: g("mlp") - g("mlpHist"), ensDmStat: dmA.stat, ensDmP: dmA.pValue };
    }
    out[side] = res;
    log(`synthetic ${side}: oracle pinball ${mean(plOr).toFixed(4)}, static ${mean(plS).toFixed(4)}`);
  }
  log(
    `synthetic fit seconds: ${
      JSON.stringify(Object.fromEntries(Object.entries(timeByModel).map(([k, v]) => [k, Math.round(v)])))
    }`,
  );
  return out;
}
