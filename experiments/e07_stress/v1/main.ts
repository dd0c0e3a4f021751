/**
 * e07 — the learned correction factor under stress (DESIGN.md §1.5 "Stress").
 *
 * Historical windows. For each window `[windowFrom, windowTo]` the MLP
 * (every seed) and the static benchmark are trained on the rows before it
 * (chronological; the last `validShare` of them, at most `validMaxRows`, for early stopping; a purge of
 * h rows and an `embargo`) and then frozen through the window — no refit
 * inside it. Inside the window: how the multiplier m and the dynamic margin
 * m·IM move, and coverage (exceptions, breach rate, Kupiec POF) against the HS
 * baseline (m = 1) and the static multiplier. The EIA futures history ends
 * 2022-02-15, so the "2022" window holds only the weeks before the invasion of
 * Ukraine; the last sample date is h trading days earlier (its loss must be realised).
 *
 * Hypothetical shocks. The MLPs of window `shockModelWindow` are applied to
 * the features of `shockDates`, unshocked and shocked:
 * - vol ×k: the `volShockFeatures` (OVX, VIX, realised and EWMA vols, EWMA/IM) multiplied by `volShockFactor`;
 * - price jump: a one-day scaled return `jumpSize` added to the return and
 *   drawdown features, and to the vols through their definitions
 *   (rv_w ← √(rv_w² + 252·j²/w), ewma ← √(ewma² + (1−λ)·252·j²), EWMA/IM scaled with ewma);
 *   the IM itself is held fixed (the shock is to what the network sees);
 * - curve inversion: `curveFeatures` (slope, curvature, roll yield) sign-flipped;
 * - all three together.
 * Reported: the seed-mean multiplier before and after, per side and date.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import {
  buildCrudeStudy,
  chronologicalSplit,
  type CrudeStudy,
  crudeStudyOptions,
  makeModel,
  NETWORK_SCHEMA,
  type NetworkParams,
  STUDY_SCHEMA,
  studyDataset,
  type StudyParams,
  type StudySide,
} from "../../../lib/study/mod.ts";
import { evaluateMultiplier, meanSd, seedBand, seedEnsemble } from "../../../lib/evaluation/mod.ts";
import { panelUntil } from "../../../lib/data/mod.ts";

interface Params extends StudyParams, NetworkParams {
  sides: string[];
  windowNames: string[];
  windowFrom: string[];
  windowTo: string[];
  validShare: number;
  validMaxRows: number;
  embargo: number;
  minTrain: number;
  seeds: number[];
  shockModelWindow: string;
  shockDates: string[];
  volShockFeatures: string[];
  volShockFactor: number;
  jumpSize: number;
  jumpReturnFeatures: string[];
  jumpVolWindows: number[];
  ewmaLambda: number;
  curveFeatures: string[];
}

const r0 = (x: number) => Math.round(x);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Shocked copies of one feature row. */
function shocks(x: Float64Array, names: string[], p: Params): Record<string, Float64Array> {
  const col = (f: string) => names.indexOf(f);
  const vol = x.slice();
  for (const f of p.volShockFeatures) if (col(f) >= 0) vol[col(f)] *= p.volShockFactor;
  const jump = x.slice(), j = p.jumpSize;
  for (const f of p.jumpReturnFeatures) if (col(f) >= 0) jump[col(f)] += j;
  for (const w of p.jumpVolWindows) {
    const c = col(`rv_${w}d`);
    if (c >= 0) jump[c] = Math.sqrt(jump[c] ** 2 + 252 * j * j / w);
  }
  const ce = col("ewma_vol");
  if (ce >= 0) {
    const e1 = Math.sqrt(x[ce] ** 2 + (1 - p.ewmaLambda) * 252 * j * j);
    const ci = col("ewma_to_im");
    if (ci >= 0) jump[ci] = x[ci] * e1 / x[ce];
    jump[ce] = e1;
  }
  const curve = x.slice();
  for (const f of p.curveFeatures) if (col(f) >= 0) curve[col(f)] = -curve[col(f)];
  const all = jump.slice();
  for (const f of p.volShockFeatures) if (col(f) >= 0) all[col(f)] *= p.volShockFactor;
  for (const f of p.curveFeatures) if (col(f) >= 0) all[col(f)] = -all[col(f)];
  return { volX: vol, priceJump: jump, curveInversion: curve, combined: all };
}

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...NETWORK_SCHEMA,
    sides: { type: "string[]", enum: ["long", "short"], minLength: 1 },
    windowNames: { type: "string[]", minLength: 1 },
    windowFrom: { type: "string[]", minLength: 1 },
    windowTo: { type: "string[]", minLength: 1 },
    validShare: { type: "number", min: 0.05, max: 0.5 },
    validMaxRows: { type: "integer", min: 20 },
    embargo: { type: "integer", min: 0 },
    minTrain: { type: "integer", min: 50 },
    seeds: { type: "integer[]", min: 0, minLength: 1 },
    shockModelWindow: { type: "string" },
    shockDates: { type: "string[]", minLength: 1 },
    volShockFeatures: { type: "string[]", minLength: 1 },
    volShockFactor: { type: "number", min: 0 },
    jumpSize: { type: "number", min: -0.99, max: 0.99 },
    jumpReturnFeatures: { type: "string[]" },
    jumpVolWindows: { type: "integer[]", min: 1 },
    ewmaLambda: { type: "number", min: 0, max: 1 },
    curveFeatures: { type: "string[]", minLength: 1 },
  },
  async run(ctx) {
    const p = ctx.params;
    const W = p.windowNames.length;
    if (p.windowFrom.length !== W || p.windowTo.length !== W) {
      throw new RangeError(`params: windowNames, windowFrom and windowTo must have the same length`);
    }
    if (!p.windowNames.includes(p.shockModelWindow)) {
      throw new RangeError(
        `params: shockModelWindow "${p.shockModelWindow}" is not one of ${p.windowNames.join(", ")}`,
      );
    }
    for (const f of [...p.volShockFeatures, ...p.jumpReturnFeatures, ...p.curveFeatures]) {
      if (!p.features.includes(f)) throw new RangeError(`params: shocked feature "${f}" is not in features`);
    }
    const t0 = performance.now();
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const panel = panelUntil(
      panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv"),
      p.sampleEnd,
    );
    const dataEnd = panel.dates[panel.dates.length - 1];
    const metrics: Record<string, unknown> = {};
    const series: Record<string, unknown> = {};
    for (const side of p.sides as StudySide[]) {
      const s: CrudeStudy = buildCrudeStudy(panel, crudeStudyOptions(p, side));
      const sideOut: Record<string, unknown> = {};
      const sideSer: Record<string, unknown> = {};
      for (let w = 0; w < W; w++) {
        const name = p.windowNames[w];
        const dayBefore = s.dates.filter((d) => d < p.windowFrom[w]).at(-1);
        if (dayBefore === undefined) throw new RangeError(`window ${name}: no sample rows before ${p.windowFrom[w]}`);
        const splitOpts = {
          trainEnd: dayBefore,
          validShare: p.validShare,
          horizon: p.mpor,
          embargo: p.embargo,
          testFrom: p.windowFrom[w],
          testTo: p.windowTo[w],
          minTrain: p.minTrain,
          minValid: 20,
          minTest: 10,
        };
        let sp = chronologicalSplit(s.dates, splitOpts);
        // Long histories: validate on the last validMaxRows pre-window rows only (training runs closer to the window).
        if (sp.valid.end - sp.valid.start > p.validMaxRows) {
          sp = chronologicalSplit(s.dates, { ...splitOpts, validFrom: s.dates[sp.valid.end - p.validMaxRows] });
        }
        const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid), test = studyDataset(s, sp.test);
        const stat = makeModel("static", p, p.seeds[0]);
        await stat.fit(train, valid);
        const mS = stat.predict(test.x);
        const runs: Float64Array[] = [];
        const shockOut: Record<string, Record<string, number[]>> = {};
        for (const seed of p.seeds) {
          const net = makeModel("mlp", p, seed);
          await net.fit(train, valid);
          runs.push(net.predict(test.x));
          if (name === p.shockModelWindow) {
            for (const dt of p.shockDates) {
              const t = s.dates.indexOf(dt);
              if (t < 0) {
                throw new RangeError(`shockDates: ${dt} is not a sample date (${s.dates[0]}…${s.dates.at(-1)})`);
              }
              const x = s.x.slice(t * s.d, (t + 1) * s.d);
              const sh = shocks(x, s.featureNames, p);
              const keys = ["none", ...Object.keys(sh)];
              const xs = new Float64Array(keys.length * s.d);
              xs.set(x, 0);
              Object.values(sh).forEach((v, k) => xs.set(v, (k + 1) * s.d));
              const m = net.predict(xs);
              shockOut[dt] ??= {};
              keys.forEach((k, i) => (shockOut[dt][k] ??= []).push(m[i]));
            }
          }
          net.dispose();
        }
        const n = test.r.length;
        const ens = seedEnsemble(runs), { lo, hi } = seedBand(runs);
        const loss = s.loss.slice(sp.test.start, sp.test.end), im = s.im.slice(sp.test.start, sp.test.end);
        const ev = (m: Float64Array) => evaluateMultiplier({ loss, im, r: test.r, m, bench: mS, tau: p.tau });
        const ones = new Float64Array(n).fill(1);
        const perSeed = runs.map(ev);
        const stats = (m: Float64Array) => {
          let mn = Infinity, mx = -Infinity, atMin = 0, atMax = 0;
          for (const v of m) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
            if (v <= p.mMin + 1e-3) atMin++;
            if (v >= p.mMax - 1e-3) atMax++;
          }
          let maxMargin = 0;
          for (let i = 0; i < n; i++) maxMargin = Math.max(maxMargin, m[i] * im[i]);
          return { minM: mn, maxM: mx, firstM: m[0], shareAtMin: atMin / n, shareAtMax: atMax / n, maxMargin };
        };
        let maxLoss = -Infinity, maxRatio = -Infinity, maxIm = 0;
        for (let i = 0; i < n; i++) {
          maxLoss = Math.max(maxLoss, loss[i]);
          maxRatio = Math.max(maxRatio, test.r[i]);
          maxIm = Math.max(maxIm, im[i]);
        }
        const evE = ev(ens);
        sideOut[name] = {
          from: test.dates[0],
          to: test.dates[n - 1],
          n,
          trainFrom: train.dates[0],
          trainTo: train.dates[train.dates.length - 1],
          validTo: valid.dates[valid.dates.length - 1],
          nTrain: train.r.length,
          nValid: valid.r.length,
          maxLoss,
          maxRatio,
          maxIm,
          baselineHs: ev(ones),
          static: { ...ev(mS), multiplier: mS[0] },
          mlpEns: { ...evE, ...stats(ens) },
          mlpSeeds: {
            breachRate: meanSd(perSeed.map((e) => e.breachRate)),
            exceptions: meanSd(perSeed.map((e) => e.exceptions)),
            marginRatio: meanSd(perSeed.map((e) => e.marginRatio)),
            avgMultiplier: meanSd(perSeed.map((e) => e.avgMultiplier)),
          },
        };
        sideSer[name] = {
          dates: test.dates,
          loss: Array.from(loss, r0),
          im: Array.from(im, r0),
          static: r4(mS[0]),
          m: Array.from(ens, r4),
          mLo: Array.from(lo, r4),
          mHi: Array.from(hi, r4),
          breachMlp: Array.from(loss, (l, i) => l > ens[i] * im[i] ? 1 : 0),
          breachStatic: Array.from(loss, (l, i) => l > mS[i] * im[i] ? 1 : 0),
        };
        if (name === p.shockModelWindow) {
          const so: Record<string, unknown> = {};
          for (const [dt, v] of Object.entries(shockOut)) {
            const mean = (a: number[]) => a.reduce((u, x) => u + x, 0) / a.length;
            const m0 = mean(v.none);
            const row: Record<string, unknown> = { m: m0 };
            for (const [k, a] of Object.entries(v)) {
              if (k === "none") continue;
              row[k] = { m: mean(a), dm: mean(a) - m0, dmSd: meanSd(a.map((x, i) => x - v.none[i])).sd };
            }
            so[`d${dt.replaceAll("-", "")}`] = { date: dt, ...row };
          }
          sideOut.shocks = so;
        }
        ctx.log(
          `${side} ${name}: n ${n}, train ${train.r.length}; exceptions HS ${
            (sideOut[name] as { baselineHs: { exceptions: number } }).baselineHs.exceptions
          }, static ${ev(mS).exceptions}, MLP ${evE.exceptions}; mean m ${evE.avgMultiplier.toFixed(3)}`,
        );
      }
      metrics[side] = sideOut;
      series[side] = sideSer;
    }
    metrics.design = {
      dataEnd,
      nWindows: W,
      nSeeds: p.seeds.length,
      shockModelWindow: p.shockModelWindow,
      nShockDates: p.shockDates.length,
    };
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
