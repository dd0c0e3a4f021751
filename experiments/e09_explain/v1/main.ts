/**
 * e09 — what drives the learned correction factor (docs/architecture.md §1.5 "Interpretability"). On e08's split
 * (train to `validFrom`, validate to `trainEnd`, test `[testFrom, testTo]` after a purge and an embargo) we fit the
 * MLP (e08's base configuration, one seed) and the quantile forest, then explain them:
 *
 * - `globalExplanations` (lib/study): KernelSHAP of the MLP on `explainRows` test rows; TreeSHAP of the forest's own
 *   trees, exact for its *mean* prediction (`predictMean`); permutation importance (pinball loss at τ), both models;
 * - PDP/ICE of the `topFeatures` features with the largest mean |SHAP| of the MLP (`pairedPartialDependence`);
 * - `localExplanations` on `localDates` (KernelSHAP of both models, TreeSHAP of the forest mean, and LIME of both
 *   models on their own seed streams, compared with KernelSHAP; dates in the training span are flagged in-sample).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { readCrudePanel } from "../../../lib/data/mod.ts";
import { createPrng } from "../../../lib/core/prng.ts";
import { pearson } from "../../../lib/core/correlation.ts";
import { columnMax } from "../../../lib/core/column_max.ts";
import { importanceShare, importanceTable, orderAgreement } from "../../../lib/explain/importance_ranking.ts";
import { pairedPartialDependence } from "../../../lib/explain/paired_partial_dependence.ts";
import { gatherRows, sampleRowIndices } from "../../../lib/explain/sample_rows.ts";
import { beeswarmRows, treeShapBeeswarm } from "../../../lib/explain/shap_beeswarm.ts";
import * as study from "../../../lib/study/mod.ts";
import { fitExplainedModels } from "../../../lib/study/explained_models.ts";
import { globalExplanations } from "../../../lib/study/global_explanations.ts";
import { localExplanations, localLimeMetrics, localLimeSummary } from "../../../lib/study/local_explanations.ts";
import { evaluateMultiplier } from "../../../lib/evaluation/mod.ts";
import type { Metrics, Params, PdpSeries, Series, SideMetrics, SideSeries } from "./outputs.ts";

const r4 = (x: number) => Math.round(x * 1e4) / 1e4, r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const BEESWARM_ROWS = 300; // beeswarms (series only, no PRNG): forest-mean TreeSHAP rows; the MLP's: its KernelSHAP rows
const range = (a: number[]) => Math.max(...a) - Math.min(...a), row6 = (v: ArrayLike<number>) => Array.from(v, r6);
const pick = <T, K extends keyof T>(o: T, ...keys: K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
const SERIES_IMPORTANCE = ["mlpShap", "forestShap", "permMlp", "permMlpSd", "permForest", "permForestSd"] as const;
const mapValues = <K extends string>(o: Record<string, number>, f: (x: number) => number, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, f(o[k])])) as Record<K, number>;

await runStage<Params>(import.meta.url, {
  schema: {
    ...study.STUDY_SCHEMA,
    ...study.SPLIT_SCHEMA,
    ...study.NETWORK_SCHEMA,
    ...study.FOREST_SCHEMA,
    ...{ features: { type: "string[]", minLength: 2 }, forwardFeatures: { type: "string[]", minLength: 1 } },
    ...{ seed: { type: "integer", min: 0 }, backgroundRows: { type: "integer", min: 1 } },
    ...{ explainRows: { type: "integer", min: 1 }, shapSamples: { type: "integer", min: 16 } },
    ...{ permRepeats: { type: "integer", min: 1 }, pdpRows: { type: "integer", min: 1 } },
    ...{ pdpGrid: { type: "integer", min: 2 }, topFeatures: { type: "integer", min: 1 } },
    ...{ iceRows: { type: "integer", min: 0 }, localDates: { type: "string[]", minLength: 1 } },
    limeSamples: { type: "integer", min: 100 },
  },
  async run(ctx) {
    const p = ctx.params, t0 = performance.now();
    const panel = await readCrudePanel(ctx, p.sampleEnd);
    const d = p.features.length, names = p.features;
    study.checkStudyParams(p);
    const metrics = {} as Omit<Metrics, "params">, series: Series = { features: names };
    for (const side of p.sides as study.StudySide[]) {
      const s = study.buildCrudeStudy(panel, study.crudeStudyOptions(p, side));
      const sp = study.studySplit(s.dates, p, p.mpor);
      const [train, valid, test] = [sp.train, sp.valid, sp.test].map((r) => study.studyDataset(s, r));
      const nTr = train.r.length, nTe = test.r.length;
      const fit = await fitExplainedModels(train, valid, p, p.seed), m = fit.models;
      const mNet = fit.mlp.predict(test.x), mQ = fit.forest.predict(test.x), mMeanT = fit.forest.predictMean(test.x);
      const loss = s.loss.slice(sp.test.start, sp.test.end), im = s.im.slice(sp.test.start, sp.test.end);
      const bench = new Float64Array(nTe).fill(1),
        ev = (m: Float64Array) => evaluateMultiplier({ loss, im, r: test.r, m, bench, tau: p.tau });
      const g = await globalExplanations(m, train, test, p);
      const { shapMlp: mlpShap, shapForest: forestShap, permMlp: pm, permForest: pf } = g;
      const ranked = { mlpShap, forestShap, permMlp: pm.mean, permForest: pf.mean };
      const table = importanceTable(names, ranked, { permMlpSd: pm.sd, permForestSd: pf.sd }), ord = table.orders;
      // ---- PDP / ICE of the MLP's top features ----
      const pdpIdx = sampleRowIndices(nTe, p.pdpRows, createPrng(p.seed + 29)), nP = pdpIdx.length;
      const xP = gatherRows(test.x, d, pdpIdx);
      const pdp: PdpSeries[] = [];
      for (const j of ord.mlpShap.slice(0, p.topFeatures)) {
        const { a, b } = await pairedPartialDependence(m.mlp, m.forest, xP, nP, d, j, { gridSize: p.pdpGrid });
        const G = a.grid.length, ice = Array.from({ length: Math.min(p.iceRows, nP) }, (_, i) => i);
        const [grid, mlp, forest, forestGrid] = [a.grid.map(r6), a.pdp.map(r4), b.pdp.map(r4), b.grid.map(r6)];
        pdp.push({
          ...{ feature: names[j], grid: [...grid], mlp: [...mlp], forest: [...forest], forestGrid: [...forestGrid] },
          iceMlp: ice.map((i) => Array.from(a.ice.subarray(i * G, i * G + G), r4)),
        });
      }
      // ---- local explanations on stress dates ----
      const local: SideMetrics["local"] = {}, localSeries: SideSeries["local"] = [];
      const idxL = p.localDates.map((dt) => s.dates.indexOf(dt)).filter((i) => i >= 0);
      const loc = idxL.length > 0 ? await localExplanations(m, s, idxL, g.background, p) : undefined;
      loc?.rows.forEach(({ t, phiMlp, phiForest, phiForestMean, order: _, lime, ...pred }) => {
        const date = s.dates[t], period = study.splitPeriod(sp, t);
        local[`d${date.replaceAll("-", "")}`] = {
          ...{ date, period, r: s.r[t], loss: s.loss[t], im: s.im[t], ...pred },
          ...{ baseMlp: loc.mlp.baseValue, baseForest: loc.forest.baseValue, baseForestMean: loc.forestMean.baseValue },
          lime: localLimeMetrics(lime, names),
        };
        const att = [phiMlp, phiForest, phiForestMean, lime.mlp.attributions, lime.forest.attributions];
        const [pm, pq, pf, limeMlp, limeForest, x] = [...att, s.x.subarray(t * d, t * d + d)].map(row6);
        localSeries.push({ date, period, phiMlp: pm, phiForest: pq, phiForestMean: pf, x, limeMlp, limeForest });
      });
      const top = (o: number[]) => o.slice(0, p.topFeatures).map((j) => names[j]);
      metrics[side] = {
        mlp: { ...pick(fit.mlpReport, "validPinball", "epochs", "bestEpoch"), test: ev(mNet) },
        forest: {
          ...{ validPinball: fit.forestReport.validPinball, test: ev(mQ), meanTest: ev(mMeanT) },
          splitNodes: fit.splitNodes,
          quantileVsMeanCorr: pearson(mQ, mMeanT),
          treeShapLocalAccuracyMaxErr: g.treeShapAdditivityError,
          treeShapVsMeanPredictMaxErr: g.treeShapVsMeanError,
          treeShapBase: g.treeShapForest.baseValue,
        },
        kernelShap: {
          ...{ exact: g.kernelShapMlp.exact, coalitions: g.kernelShapMlp.nCoalitions[0] },
          base: g.kernelShapMlp.baseValue,
        },
        importance: table.rows,
        top: Object.fromEntries(Object.entries(ord).map(([k, o]) => [k, top(o)])) as Record<keyof typeof ord, string[]>,
        agreement: {
          spearmanMlpShapVsPerm: orderAgreement(ord.mlpShap, ord.permMlp),
          spearmanMlpVsForestShap: orderAgreement(ord.mlpShap, ord.forestShap),
          forwardShareMlpShap: importanceShare(mlpShap, names, p.forwardFeatures),
          forwardShareForestShap: importanceShare(forestShap, names, p.forwardFeatures),
        },
        pdp: Object.fromEntries(pdp.map((q) => [q.feature, {
          ...{ mlpRange: range(q.mlp), forestRange: range(q.forest) },
          mlpSlopeSign: Math.sign(q.mlp[q.mlp.length - 1] - q.mlp[0]),
        }])),
        ...{ local, limeVsShap: loc && localLimeSummary(loc.rows) },
        missingLocalDates: p.localDates.filter((dt) => !s.dates.includes(dt)),
      };
      const importance = names.map((f) => ({ feature: f, ...mapValues(table.rows[f], r6, SERIES_IMPORTANCE) }));
      const { rows: bw, ...forestBw } = treeShapBeeswarm(m.trees, test.x, nTe, d, BEESWARM_ROWS, r6), kRows = g.rows;
      const mlpBw = beeswarmRows(g.kernelShapMlp.values, gatherRows(test.x, d, kRows), kRows.length, d, r6);
      series[side] = {
        ...{ importance, pdp, local: localSeries, beeswarm: { dates: bw.map((i) => test.dates[i]), ...forestBw } },
        beeswarmMlp: { dates: kRows.map((i) => test.dates[i]), ...mlpBw },
      };
      metrics.design ??= {
        ...{ trainFrom: train.dates[0], trainTo: train.dates[nTr - 1], validFrom: valid.dates[0] },
        ...{ validTo: valid.dates[valid.dates.length - 1], testFrom: test.dates[0], testTo: test.dates[nTe - 1] },
        ...{ nTrain: nTr, nTest: nTe, nFeatures: d, nForward: p.forwardFeatures.length, explainRows: g.rows.length },
        ...{ backgroundRows: g.background.length / d, forestRows: m.trees.trees[0].cover[0] },
        trainMax: Object.fromEntries(names.map((f, j) => [f, columnMax(train.x, d, j)])),
      };
      fit.mlp.dispose();
      ctx.log(`${side}: top MLP SHAP ${ord.mlpShap.slice(0, 4).map((j) => names[j]).join(", ")}`);
    }
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
