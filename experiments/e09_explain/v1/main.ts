/**
 * e09 — what drives the learned correction factor (docs/architecture.md §1.5
 * "Interpretability"). On the split of e08 (train to `validFrom`, validate to
 * `trainEnd`, test `[testFrom, testTo]` after a purge and an embargo) we fit
 * the MLP (the base configuration of e08, one seed) and the quantile forest,
 * then explain them with `lib/explain`:
 *
 * - KernelSHAP of the MLP's multiplier (seeded, background = `backgroundRows`
 *   training rows, `shapSamples` coalitions per row) on `explainRows` test rows;
 * - TreeSHAP of the forest. The quantile forest predicts a weighted quantile of
 *   the training ratios in the leaves, which is not a mean over trees, so
 *   TreeSHAP is exact only for the forest's *mean* prediction: the fitted
 *   forest's own trees (`trees()`, leaves valued at the mean ratio of their
 *   training rows) are explained, i.e. `predictMean`, the conditional mean with
 *   the quantile's leaf weights. KernelSHAP of the forest's quantile output is
 *   computed on the stress dates only (it is slow);
 * - permutation importance (pinball loss at τ) on all test rows, both models;
 * - PDP/ICE of the `topFeatures` features with the largest mean |SHAP| of the MLP;
 * - local explanations on `localDates` (those in the training span are flagged in-sample).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { createPrng, permutation } from "../../../lib/core/prng.ts";
import {
  globalImportance,
  kernelShap,
  partialDependence,
  permutationImportance,
  type PredictFn,
  sampleBackground,
  treeShap,
} from "../../../lib/explain/mod.ts";
import { pinballLossAt as pinballLoss } from "../../../lib/targets/pinball_loss.ts";
import {
  buildCrudeStudy,
  checkStudyParams,
  chronologicalSplit,
  crudeStudyOptions,
  FOREST_SCHEMA,
  type ForestParams,
  makeModel,
  NETWORK_SCHEMA,
  type NetworkParams,
  SPLIT_SCHEMA,
  type SplitParams,
  STUDY_SCHEMA,
  studyDataset,
  type StudyParams,
  type StudySide,
} from "../../../lib/study/mod.ts";
import { evaluateMultiplier } from "../../../lib/evaluation/mod.ts";
import { panelUntil } from "../../../lib/data/mod.ts";

interface Params extends StudyParams, NetworkParams, ForestParams, SplitParams {
  forwardFeatures: string[];
  seed: number;
  backgroundRows: number;
  explainRows: number;
  shapSamples: number;
  permRepeats: number;
  pdpRows: number;
  pdpGrid: number;
  topFeatures: number;
  iceRows: number;
  localDates: string[];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Seeded, time-ordered sample of k row indices out of n. */
function sampleRows(n: number, k: number, seed: number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  return Array.from(permutation(n, createPrng(seed)).slice(0, k)).sort((a, b) => a - b);
}

function rowsOf(x: Float64Array, d: number, idx: number[]): Float64Array {
  const out = new Float64Array(idx.length * d);
  idx.forEach((i, k) => out.set(x.subarray(i * d, i * d + d), k * d));
  return out;
}

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...SPLIT_SCHEMA,
    ...NETWORK_SCHEMA,
    ...FOREST_SCHEMA,
    features: { type: "string[]", minLength: 2 },
    forwardFeatures: { type: "string[]", minLength: 1 },
    seed: { type: "integer", min: 0 },
    backgroundRows: { type: "integer", min: 1 },
    explainRows: { type: "integer", min: 1 },
    shapSamples: { type: "integer", min: 16 },
    permRepeats: { type: "integer", min: 1 },
    pdpRows: { type: "integer", min: 1 },
    pdpGrid: { type: "integer", min: 2 },
    topFeatures: { type: "integer", min: 1 },
    iceRows: { type: "integer", min: 0 },
    localDates: { type: "string[]", minLength: 1 },
  },
  async run(ctx) {
    const p = ctx.params;
    const t0 = performance.now();
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const panel = panelUntil(
      panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv"),
      p.sampleEnd,
    );
    const d = p.features.length, names = p.features;
    checkStudyParams(p);
    const metrics: Record<string, unknown> = {};
    const series: Record<string, unknown> = { features: names };
    for (const side of p.sides as StudySide[]) {
      const s = buildCrudeStudy(panel, crudeStudyOptions(p, side));
      const sp = chronologicalSplit(s.dates, {
        trainEnd: p.trainEnd,
        validFrom: p.validFrom,
        validShare: 0.5,
        horizon: p.mpor,
        embargo: p.embargo,
        testFrom: p.testFrom,
        testTo: p.testTo,
        minTrain: 500,
        minValid: 100,
        minTest: 250,
      });
      const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid), test = studyDataset(s, sp.test);
      const nTr = train.r.length, nTe = test.r.length;
      // ---- models ----
      const net = makeModel("mlp", p, p.seed);
      const netRep = await net.fit(train, valid);
      const qrf = makeModel("forest", p, p.seed);
      const qrfRep = await qrf.fit(train, valid);
      // The fitted forest's trees (leaf = mean training ratio of its rows): TreeSHAP explains its mean prediction.
      const ens = qrf.trees();
      const splitNodes = ens.trees.reduce((k, t) => k + t.feature.filter((f) => f >= 0).length, 0);
      const fMlp: PredictFn = (x) => net.predict(x);
      const fQ: PredictFn = (x) => qrf.predict(x);
      const fMean: PredictFn = (x) => qrf.predictMean(x);

      // ---- test performance (context for the explanations) ----
      const mNet = net.predict(test.x), mQ = qrf.predict(test.x), mMeanT = qrf.predictMean(test.x);
      const loss = s.loss.slice(sp.test.start, sp.test.end), im = s.im.slice(sp.test.start, sp.test.end);
      const ones = new Float64Array(nTe).fill(1);
      const ev = (m: Float64Array) => evaluateMultiplier({ loss, im, r: test.r, m, bench: ones, tau: p.tau });
      let corr = 0;
      {
        const mean = (a: Float64Array) => a.reduce((u, v) => u + v, 0) / a.length;
        const a = mQ, b = mMeanT, ma = mean(a), mb = mean(b);
        let sab = 0, saa = 0, sbb = 0;
        for (let i = 0; i < nTe; i++) {
          sab += (a[i] - ma) * (b[i] - mb);
          saa += (a[i] - ma) ** 2;
          sbb += (b[i] - mb) ** 2;
        }
        corr = sab / Math.sqrt(saa * sbb);
      }

      // ---- global: KernelSHAP (MLP), TreeSHAP (forest mean) on sampled test rows ----
      const bg = sampleBackground(train.x, nTr, d, p.backgroundRows, createPrng(p.seed + 11));
      const ex = sampleRows(nTe, p.explainRows, p.seed + 13);
      const xEx = rowsOf(test.x, d, ex);
      const tk = performance.now();
      const ksMlp = await kernelShap(fMlp, xEx, ex.length, d, bg, {
        prng: createPrng(p.seed + 17),
        nSamples: p.shapSamples,
      });
      ctx.log(`${side}: KernelSHAP (MLP) on ${ex.length} rows in ${((performance.now() - tk) / 1000).toFixed(1)}s`);
      const ts = treeShap(ens, xEx, ex.length, d);
      let laErr = 0;
      for (let i = 0; i < ex.length; i++) {
        let sum = ts.baseValue;
        for (let j = 0; j < d; j++) sum += ts.values[i * d + j];
        laErr = Math.max(laErr, Math.abs(sum - ts.predictions[i]));
      }
      const meanCheck = await fMean(xEx, ex.length, d);
      let meanErr = 0;
      for (let i = 0; i < ex.length; i++) meanErr = Math.max(meanErr, Math.abs(meanCheck[i] - ts.predictions[i]));
      const giMlp = globalImportance(ksMlp.values, ex.length, d);
      const giFor = globalImportance(ts.values, ex.length, d);
      // ---- permutation importance on all test rows ----
      const tp = performance.now();
      const loss_ = pinballLoss(p.tau);
      const piMlp = await permutationImportance(fMlp, test.x, test.r, nTe, d, {
        loss: loss_,
        prng: createPrng(p.seed + 19),
        repeats: p.permRepeats,
      });
      const piFor = await permutationImportance(fQ, test.x, test.r, nTe, d, {
        loss: loss_,
        prng: createPrng(p.seed + 23),
        repeats: p.permRepeats,
      });
      ctx.log(`${side}: permutation importance in ${((performance.now() - tp) / 1000).toFixed(1)}s`);
      const rankBy = (v: Float64Array) => Array.from(v.keys()).sort((a, b) => v[b] - v[a] || a - b);
      const orderMlp = rankBy(giMlp), orderFor = rankBy(giFor);
      const orderPm = rankBy(piMlp.mean), orderPf = rankBy(piFor.mean);
      const importance: Record<string, unknown> = {};
      names.forEach((f, j) => {
        importance[f] = {
          mlpShap: giMlp[j],
          forestShap: giFor[j],
          permMlp: piMlp.mean[j],
          permMlpSd: piMlp.sd[j],
          permForest: piFor.mean[j],
          permForestSd: piFor.sd[j],
          rankMlpShap: orderMlp.indexOf(j) + 1,
          rankForestShap: orderFor.indexOf(j) + 1,
          rankPermMlp: orderPm.indexOf(j) + 1,
          rankPermForest: orderPf.indexOf(j) + 1,
        };
      });
      // Spearman rank correlation between the MLP's SHAP and permutation rankings, and MLP vs forest SHAP.
      const spearman = (a: number[], b: number[]) => {
        const ra = new Array(d), rb = new Array(d);
        a.forEach((j, k) => ra[j] = k);
        b.forEach((j, k) => rb[j] = k);
        let s2 = 0;
        for (let j = 0; j < d; j++) s2 += (ra[j] - rb[j]) ** 2;
        return 1 - 6 * s2 / (d * (d * d - 1));
      };
      const fwdShare = (v: Float64Array) => {
        let a = 0, t = 0;
        names.forEach((f, j) => {
          t += v[j];
          if (p.forwardFeatures.includes(f)) a += v[j];
        });
        return a / t;
      };
      // ---- PDP / ICE of the MLP's top features ----
      const top = orderMlp.slice(0, p.topFeatures);
      const pdpIdx = sampleRows(nTe, p.pdpRows, p.seed + 29);
      const xP = rowsOf(test.x, d, pdpIdx);
      const pdp: Record<string, unknown>[] = [];
      for (const j of top) {
        const a = await partialDependence(fMlp, xP, pdpIdx.length, d, j, { gridSize: p.pdpGrid });
        const b = await partialDependence(fQ, xP, pdpIdx.length, d, j, { probabilities: a.probabilities });
        const g = a.grid.length;
        const ice: number[][] = [];
        for (let i = 0; i < Math.min(p.iceRows, pdpIdx.length); i++) {
          ice.push(Array.from(a.ice.subarray(i * g, i * g + g), r4));
        }
        pdp.push({
          feature: names[j],
          grid: Array.from(a.grid, r6),
          mlp: Array.from(a.pdp, r4),
          forest: Array.from(b.pdp, r4),
          forestGrid: Array.from(b.grid, r6),
          iceMlp: ice,
        });
      }
      // ---- local explanations on stress dates ----
      const local: Record<string, unknown> = {};
      const localSeries: Record<string, unknown>[] = [];
      const idxL = p.localDates.map((dt) => s.dates.indexOf(dt)).filter((i) => i >= 0);
      if (idxL.length > 0) {
        const xL = rowsOf(s.x, d, idxL);
        const kl = await kernelShap(fMlp, xL, idxL.length, d, bg, {
          prng: createPrng(p.seed + 31),
          nSamples: p.shapSamples,
        });
        const kq = await kernelShap(fQ, xL, idxL.length, d, bg, {
          prng: createPrng(p.seed + 37),
          nSamples: p.shapSamples,
        });
        const tl = treeShap(ens, xL, idxL.length, d);
        idxL.forEach((t, k) => {
          const phi = (v: Float64Array) => Array.from(v.subarray(k * d, k * d + d));
          const pm = phi(kl.values), pq = phi(kq.values), pf = phi(tl.values);
          const ord = Array.from({ length: d }, (_, j) => j).sort((a, b) => Math.abs(pm[b]) - Math.abs(pm[a]) || a - b);
          const period = t < sp.train.end
            ? "train"
            : t < sp.valid.end
            ? "valid"
            : t >= sp.test.start && t < sp.test.end
            ? "test"
            : "gap";
          local[`d${s.dates[t].replaceAll("-", "")}`] = {
            date: s.dates[t],
            period,
            r: s.r[t],
            loss: s.loss[t],
            im: s.im[t],
            mMlp: kl.predictions[k],
            mForest: kq.predictions[k],
            mForestMean: tl.predictions[k],
            baseMlp: kl.baseValue,
            baseForest: kq.baseValue,
            baseForestMean: tl.baseValue,
            top: ord.slice(0, 3).map((j) => ({
              feature: names[j],
              value: s.x[t * d + j],
              phiMlp: pm[j],
              phiForest: pq[j],
              phiForestMean: pf[j],
            })),
          };
          localSeries.push({
            date: s.dates[t],
            period,
            phiMlp: pm.map(r6),
            phiForest: pq.map(r6),
            phiForestMean: pf.map(r6),
            x: phi(rowsOf(s.x, d, [t])).map(r6),
          });
        });
      }
      const missing = p.localDates.filter((dt) => !s.dates.includes(dt));
      metrics[side] = {
        mlp: {
          validPinball: netRep.validPinball,
          epochs: netRep.epochs,
          bestEpoch: netRep.bestEpoch,
          test: ev(mNet),
        },
        forest: {
          validPinball: qrfRep.validPinball,
          test: ev(mQ),
          meanTest: ev(mMeanT),
          splitNodes,
          quantileVsMeanCorr: corr,
          treeShapLocalAccuracyMaxErr: laErr,
          treeShapVsMeanPredictMaxErr: meanErr,
          treeShapBase: ts.baseValue,
        },
        kernelShap: { exact: ksMlp.exact, coalitions: ksMlp.nCoalitions[0], base: ksMlp.baseValue },
        importance,
        top: {
          mlpShap: orderMlp.slice(0, p.topFeatures).map((j) => names[j]),
          forestShap: orderFor.slice(0, p.topFeatures).map((j) => names[j]),
          permMlp: orderPm.slice(0, p.topFeatures).map((j) => names[j]),
          permForest: orderPf.slice(0, p.topFeatures).map((j) => names[j]),
        },
        agreement: {
          spearmanMlpShapVsPerm: spearman(orderMlp, orderPm),
          spearmanMlpVsForestShap: spearman(orderMlp, orderFor),
          forwardShareMlpShap: fwdShare(giMlp),
          forwardShareForestShap: fwdShare(giFor),
        },
        pdp: Object.fromEntries(pdp.map((q) => {
          const m = q.mlp as number[], f = q.forest as number[];
          return [q.feature as string, {
            mlpRange: Math.max(...m) - Math.min(...m),
            forestRange: Math.max(...f) - Math.min(...f),
            mlpSlopeSign: Math.sign(m[m.length - 1] - m[0]),
          }];
        })),
        local,
        missingLocalDates: missing,
      };
      series[side] = {
        importance: names.map((f, j) => ({
          feature: f,
          mlpShap: r6(giMlp[j]),
          forestShap: r6(giFor[j]),
          permMlp: r6(piMlp.mean[j]),
          permMlpSd: r6(piMlp.sd[j]),
          permForest: r6(piFor.mean[j]),
          permForestSd: r6(piFor.sd[j]),
        })),
        pdp,
        local: localSeries,
      };
      metrics.design ??= {
        trainFrom: train.dates[0],
        trainTo: train.dates[nTr - 1],
        validFrom: valid.dates[0],
        validTo: valid.dates[valid.dates.length - 1],
        testFrom: test.dates[0],
        testTo: test.dates[nTe - 1],
        nTrain: nTr,
        nTest: nTe,
        nFeatures: d,
        nForward: p.forwardFeatures.length,
        explainRows: ex.length,
        backgroundRows: bg.length / d,
        forestRows: ens.trees[0].cover[0],
        trainMax: Object.fromEntries(names.map((f, j) => {
          let mx = -Infinity;
          for (let i = 0; i < nTr; i++) mx = Math.max(mx, train.x[i * d + j]);
          return [f, mx];
        })),
      };
      net.dispose();
      ctx.log(`${side}: top MLP SHAP ${orderMlp.slice(0, 4).map((j) => names[j]).join(", ")}`);
    }
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
