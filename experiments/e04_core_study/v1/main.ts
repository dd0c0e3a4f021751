/**
 * e04 — the core study. Can a learned correction factor `m_t ∈ [mMin, mMax]`
 * on top of a baseline HS VaR initial margin keep 99% coverage while holding
 * less, and steadier, margin than a static multiplier?
 *
 * Real track (`lib/study`): long and short one WTI front-month contract
 * (rolled P&L as in e01), MPOR h, baseline IM_t = HS VaR of the last `lookback`
 * overlapping h-day P&Ls ending at t, target ratio r_t = L_{t,t+h} / IM_t,
 * features from `lib/features` (crude frame) at t plus `ewma_to_im` (the EWMA
 * vol relative to the vol implied by IM_t) — `buildCrudeStudy`.
 *
 * Protocol: yearly walk-forward (`yearlyFolds`). For test year Y the pre-test
 * span holds every sample row t with t + h + embargo < first row of Y (its loss
 * is realised before Y starts, plus an embargo). Every model trains on the
 * first (1 − validShare) of it; the networks early-stop on the last validShare
 * (chronological, with an h-row gap). Nothing is tuned on test data. The fits
 * are independent seeded jobs (`runFitJobs`), dealt to `workers` Deno workers.
 *
 * Synthetic track (`synthetic.ts`): several independent paths of the seeded
 * synthetic market, where the oracle (true conditional 99% quantile) gives the
 * oracle multiplier; walk-forward over blocks of the last part of each path;
 * distance to the oracle and share of the oracle's pinball gain and margin
 * saving each model captures, mean ± sd across paths.
 *
 * Outputs: `metrics.{profile}.json` (per side and model: mean/sd/min/max over
 * seeds of every backtest metric, `<model>Ens` for seed ensembles, `byYear`,
 * `ablation`, `design`, `synthetic`) and `series.{profile}.json` (what the
 * figures draw: test dates, loss, IM, static and best-network multipliers).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { createPrng } from "../../../lib/core/prng.ts";
import { overlappingZoneLimits, type ZoneLimits } from "../../../lib/backtest/mod.ts";
import { clipMultiplier } from "../../../lib/targets/bounded_multiplier.ts";
import {
  buildCrudeStudy,
  checkStudyParams,
  type CrudeStudy,
  crudeStudyOptions,
  type FitBatch,
  foldRows,
  FOREST_SCHEMA,
  type ForestParams,
  isNetwork,
  type ModelKind,
  modelSeeds,
  NETWORK_SCHEMA,
  type NetworkParams,
  runKey,
  runSeries,
  SEQUENCE_SCHEMA,
  type SequenceParams,
  STUDY_SCHEMA,
  type StudyParams,
  type StudySide,
  walkForwardJobs,
  yearlyFolds,
} from "../../../lib/study/mod.ts";
import {
  evaluateBacktest,
  featureAblation,
  seedBand,
  seedEnsemble,
  summariseRuns,
} from "../../../lib/evaluation/mod.ts";
import { panelUntil } from "../../../lib/data/mod.ts";
import {
  buildSyntheticPath,
  evaluateSynthetic,
  syntheticJobs,
  syntheticKey,
  type SyntheticParams,
  type SyntheticPath,
} from "./synthetic.ts";
import { runParallel } from "./worker.ts";

interface Params extends StudyParams, NetworkParams, ForestParams, SequenceParams, SyntheticParams {
  testYears: number[];
  models: string[];
  linearRidge: number;
  trafficSims: number;
  workers: number;
}

/** Models of the study: the factory's kinds plus `mlpHist`, the MLP on the historical features only. */
const MODELS = ["static", "linear", "forest", "mlp", "mlpHist", "lstm", "transformer"] as const;
const SIDES: readonly StudySide[] = ["long", "short"];

const kindOf = (model: string) => (model === "mlpHist" ? "mlp" : model) as ModelKind;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r0 = (x: number) => Math.round(x);

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...NETWORK_SCHEMA,
    ...FOREST_SCHEMA,
    ...SEQUENCE_SCHEMA,
    forwardFeatures: { type: "string[]" },
    testYears: { type: "integer[]", min: 1990, max: 2030, minLength: 1 },
    embargo: { type: "integer", min: 0 },
    validShare: { type: "number", min: 0.05, max: 0.5 },
    models: { type: "string[]", enum: MODELS, minLength: 1 },
    seeds: { type: "integer[]", minLength: 1 },
    linearRidge: { type: "number", min: 0 },
    trafficSims: { type: "integer", min: 100 },
    workers: { type: "integer", min: 1, max: 8 },
    synthDays: { type: "integer", min: 0 },
    synthSeeds: { type: "integer[]", min: 0, minLength: 1 },
    synthPaths: { type: "integer", min: 100 },
    synthModels: { type: "string[]", enum: MODELS },
    synthForward: { type: "string[]" },
    synthFolds: { type: "integer", min: 1 },
    synthTestShare: { type: "number", min: 0.05, max: 0.8 },
  },
  async run(ctx) {
    const p = ctx.params;
    const h = p.mpor;
    checkStudyParams(p);
    if (p.synthDays > 0) {
      if (!p.synthModels.includes("static")) throw new RangeError(`synthModels must include "static" (the benchmark)`);
      for (const k of p.synthModels) {
        if (k === "lstm" || k === "transformer") {
          throw new RangeError(`synthModels: sequence model "${k}" is not supported (rows may have gaps)`);
        }
      }
    }
    const tStart = performance.now();

    // ---------- real track: data, folds, jobs ----------
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const panel = panelUntil(
      panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv"),
      p.sampleEnd,
    );
    const study = {} as Record<StudySide, CrudeStudy>;
    for (const side of SIDES) study[side] = buildCrudeStudy(panel, crudeStudyOptions(p, side));
    const sDates = study.long.dates, N = sDates.length, F = p.features.length;
    if (study.short.dates.join() !== sDates.join()) {
      throw new RangeError(`e04: the long and short samples differ (${sDates[0]}… vs ${study.short.dates[0]}…)`);
    }
    ctx.log(`sample ${sDates[0]} … ${sDates[N - 1]}: ${N} rows, ${F} features`);
    const histFeatures = p.features.filter((f) => !p.forwardFeatures.includes(f));
    const featuresOf = (model: string) => model === "mlpHist" ? histFeatures : p.features;
    const folds = yearlyFolds(sDates, {
      years: p.testYears,
      horizon: h,
      embargo: p.embargo,
      validShare: p.validShare,
      minTrain: 250,
    });
    const specs = p.models.map((m) => ({ model: m, kind: kindOf(m), features: featuresOf(m) }));
    const batch: FitBatch = {
      data: { long: study.long, short: study.short },
      folds: { long: folds.map((f) => f.split), short: folds.map((f) => f.split) },
      jobs: SIDES.flatMap((side) => walkForwardJobs(side, folds.length, specs, p.seeds)),
      params: p,
    };
    const nReal = batch.jobs.length;

    // ---------- synthetic track: paths and their jobs ----------
    const paths: SyntheticPath[] = [];
    if (p.synthDays > 0) {
      for (const seed of p.synthSeeds) {
        const path = buildSyntheticPath(p, seed);
        paths.push(path);
        for (const side of SIDES) {
          const key = syntheticKey(seed, side);
          batch.data[key] = path[side].data;
          batch.folds[key] = path[side].folds.map((f) => f.split);
        }
        batch.jobs.push(...syntheticJobs(path, p));
        ctx.log(
          `synthetic path ${seed}: ${path.long.data.dates.length} rows, stress share ${path.stressShare.toFixed(3)}`,
        );
      }
    }

    // ---------- fit everything ----------
    ctx.log(`${batch.jobs.length} fits (${nReal} real-track) on ${p.workers} worker(s)`);
    const tFit = performance.now();
    const { outcomes, seconds } = await runParallel(batch, p.workers);
    const runs = runSeries(batch.jobs, outcomes);
    const timeByModel: Record<string, number> = {};
    batch.jobs.forEach((j, k) => {
      const tag = k < nReal ? j.model : `synthetic ${j.model}`;
      timeByModel[tag] = (timeByModel[tag] ?? 0) + seconds[k];
    });
    ctx.log(`fitted in ${((performance.now() - tFit) / 1000).toFixed(0)}s wall`);

    // ---------- real track: evaluation ----------
    const evalRows = foldRows(folds);
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
    const models = [...p.models];
    const ones = () => new Float64Array(evalRows.length).fill(1);
    for (const side of SIDES) {
      const s = study[side];
      const lossE = Float64Array.from(evalRows, (i) => s.loss[i]);
      const imE = Float64Array.from(evalRows, (i) => s.im[i]);
      const rE = Float64Array.from(evalRows, (i) => s.r[i]);
      const runsOf = (model: string) =>
        modelSeeds(kindOf(model), p.seeds).map((seed) => runs.get(runKey(side, model, seed))!);
      const staticMult = models.includes("static") ? runsOf("static")[0] : ones();
      const evaluate = (m: Float64Array) =>
        evaluateBacktest({
          loss: lossE,
          im: imE,
          r: rE,
          m,
          bench: staticMult,
          tau: p.tau,
          h,
          zone,
          groups: years,
          groupZone: yearZone,
        });
      const sideOut: Record<string, unknown> = {};
      sideOut.baselineHs = summariseRuns([evaluate(ones())]);
      const ensembles: Record<string, Float64Array> = {};
      for (const model of models) {
        const mr = runsOf(model);
        sideOut[model] = summariseRuns(mr.map(evaluate));
        if (mr.length > 1) {
          ensembles[model] = seedEnsemble(mr);
          sideOut[`${model}Ens`] = summariseRuns([evaluate(ensembles[model])]);
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
      perYear("baselineHs", ones());
      for (const model of models) perYear(model, ensembles[model] ?? runsOf(model)[0]);
      sideOut.byYear = byYear;
      // Feature ablation: MLP with vs without the forward-looking features (seed ensembles and per-seed pinball).
      if (ensembles.mlp && ensembles.mlpHist) {
        const get = (k: string, f: string) => (sideOut[k] as Record<string, { mean: number }>)[f].mean;
        sideOut.ablation = {
          ...featureAblation({ r: rE, full: runsOf("mlp"), reduced: runsOf("mlpHist"), tau: p.tau, h }),
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
      const nets = models.filter((m) => isNetwork(kindOf(m)));
      const pinballOf = (k: string) => (sideOut[k] as { pinball: { mean: number } }).pinball.mean;
      let best = nets[0];
      for (const k of nets) if (pinballOf(k) < pinballOf(best)) best = k;
      if (best !== undefined) sideOut.bestNetwork = best;
      const ser: Record<string, unknown> = {
        loss: Array.from(lossE, r0),
        im: Array.from(imE, r0),
        static: Array.from(staticMult, r3),
      };
      if (best !== undefined) {
        const br = runsOf(best), band = seedBand(br);
        ser.best = best;
        ser.bestMean = Array.from(ensembles[best] ?? br[0], r3);
        ser.bestLo = Array.from(band.lo, r3);
        ser.bestHi = Array.from(band.hi, r3);
      }
      series[side] = ser;
      ctx.log(`${side}: evaluated ${models.length} models on ${evalRows.length} rows`);
    }
    const fitSummary: Record<string, unknown> = {};
    for (const model of p.models) {
      const v = batch.jobs.slice(0, nReal).flatMap((j, k) => j.model === model ? [outcomes[k]] : []);
      fitSummary[model] = {
        fits: v.length,
        meanEpochs: v.reduce((s, x) => s + x.epochs, 0) / v.length,
        meanBestEpoch: v.reduce((s, x) => s + x.bestEpoch, 0) / v.length,
      };
    }
    const first = folds[0].split, last = folds[folds.length - 1].split;
    metrics.design = {
      sampleFrom: sDates[0],
      sampleTo: sDates[N - 1],
      sampleRows: N,
      nFeatures: F,
      nHistFeatures: histFeatures.length,
      nForwardFeatures: F - histFeatures.length,
      testFrom: sDates[evalRows[0]],
      testTo: sDates[evalRows[evalRows.length - 1]],
      testRows: evalRows.length,
      ovxFrom: panel.dates[panel.columns.ovx.findIndex((v) => Number.isFinite(v))],
      vix3mFrom: panel.dates[panel.columns.vix3m.findIndex((v) => Number.isFinite(v))],
      firstTestYear: folds[0].id,
      lastTestYear: folds[folds.length - 1].id,
      nFolds: folds.length,
      nSeeds: p.seeds.length,
      firstTrainRows: first.train.end,
      lastTrainRows: last.train.end,
      zoneGreenMax: zone.greenMax,
      zoneYellowMax: zone.yellowMax,
      folds: folds.map(({ id, split: sp }) => ({
        year: id,
        trainFrom: sDates[sp.train.start],
        trainTo: sDates[sp.train.end - 1],
        validFrom: sDates[sp.valid.start],
        validTo: sDates[sp.valid.end - 1],
        testFrom: sDates[sp.test.start],
        testTo: sDates[sp.test.end - 1],
      })),
      fits: fitSummary,
    };

    // ---------- synthetic track: evaluation ----------
    if (paths.length > 0) {
      const syn = evaluateSynthetic(paths, runs, p);
      metrics.synthetic = syn;
      for (const side of SIDES) {
        const o = syn[side] as Record<string, Record<string, { mean: number }>>;
        ctx.log(
          `synthetic ${side}: oracle pinball ${o.oracle.pinball.mean.toFixed(4)}, static ${
            o.static.pinball.mean.toFixed(4)
          } (mean of ${paths.length} paths)`,
        );
      }
    }
    const wall = (performance.now() - tStart) / 1000;
    ctx.log(
      `done in ${wall.toFixed(0)}s; fit seconds by model: ${
        JSON.stringify(Object.fromEntries(Object.entries(timeByModel).map(([k, v]) => [k, Math.round(v)])))
      }`,
    );
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
