/**
 * e07 — the learned correction factor under stress (docs/architecture.md §1.5 "Stress").
 *
 * Historical windows (`lib/study` `stressSplit`, `fitStressWindow`). For each window `[windowFrom, windowTo]` the
 * MLP (every seed) and the static benchmark are trained on the rows before it (chronological; the last
 * `validShare` of them, at most `validMaxRows`, for early stopping; a purge of h rows and an `embargo`) and then
 * frozen through the window — no refit inside it. Inside the window: how the multiplier m and the dynamic margin
 * m·IM move, and coverage (exceptions, breach rate, Kupiec POF) against the HS baseline (m = 1) and the static
 * multiplier. The clearing-house rules (`lib/study` `ccpMargins`, as in the core study e04 v2: FHS, floored HS, the
 * EMIR Art. 28 buffer, stressed weight and floor on FHS; each margin at t from the P&L up to t) and the three above are
 * all scored alike in every window (`windowRuleStats`: exceptions, breach rate, Kupiec binomial and overlap-aware,
 * margin over static, peak-to-trough, largest 5- and 30-day rise, mean |Δ margin|). The EIA futures history ends 2022-02-15, so the "2022" window holds only the weeks before the
 * invasion of Ukraine; the last sample date is h trading days earlier (its loss must be realised).
 *
 * Hypothetical shocks (`lib/features` `featureShocks`, `lib/study` `shockProbes`). The MLPs of window
 * `shockModelWindow` are applied to the features of `shockDates`, unshocked and shocked: vol features ×k; a price
 * jump through the return, drawdown and vol definitions (the IM held fixed); curve inversion; all three together.
 * Reported: the seed-mean multiplier before and after, per side and date (`shockResponse`).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { readCrudePanel } from "../../../lib/data/mod.ts";
import { buildCrudeStudy, crudeStudyOptions, studyDataset, type StudySide } from "../../../lib/study/mod.ts";
import { CCP_RULES, ccpMargins } from "../../../lib/study/margin_rules.ts";
import { fitStressWindow, stressSplit } from "../../../lib/study/stress_window.ts";
import { shockProbes } from "../../../lib/study/shock_probes.ts";
import { evaluateMultiplier, seedBand, seedEnsemble } from "../../../lib/evaluation/mod.ts";
import { meanSdByKey } from "../../../lib/evaluation/mean_sd_by_key.ts";
import { multiplierPathStats, windowExtremes } from "../../../lib/evaluation/multiplier_path_stats.ts";
import { shockResponse } from "../../../lib/evaluation/shock_response.ts";
import { windowRuleStats } from "../../../lib/evaluation/window_rule_stats.ts";
import { OverlapNullCache } from "../../../lib/backtest/mod.ts";
import { type Metrics, type Params, SCHEMA, type Series, type ShockTable, type SideMetrics } from "./outputs.ts";
import type { WindowMetrics, WindowRule, WindowSeries } from "./outputs.ts";

const r0 = (x: number) => Math.round(x);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

await runStage<Params>(import.meta.url, {
  schema: SCHEMA,
  async run(ctx) {
    const p = ctx.params;
    const W = p.windowNames.length, nullCache = new OverlapNullCache(); // each window's Kupiec null simulated once
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
    const shockOpts = { ...p, volFeatures: p.volShockFeatures, volFactor: p.volShockFactor };
    const t0 = performance.now();
    const panel = await readCrudePanel(ctx, p.sampleEnd);
    const metrics = {} as Omit<Metrics, "params">;
    const series: Series = {};
    for (const side of p.sides as StudySide[]) {
      const s = buildCrudeStudy(panel, crudeStudyOptions(p, side)), ccp = ccpMargins(panel, s, p); // margin at t: data ≤ t
      const sideOut: Record<string, WindowMetrics | ShockTable> = {}, sideSer: Record<string, WindowSeries> = {};
      for (let w = 0; w < W; w++) {
        const name = p.windowNames[w], shocked = name === p.shockModelWindow;
        const sp = stressSplit(s.dates, { name, from: p.windowFrom[w], to: p.windowTo[w] }, p);
        const probes = shocked ? shockProbes(s, p.shockDates, shockOpts) : [];
        const fit = await fitStressWindow(s, sp, p, probes.map((q) => q.x));
        const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid), test = studyDataset(s, sp.test);
        const mS = fit.static, runs = fit.mlp, n = test.r.length;
        const ens = seedEnsemble(runs), { lo, hi } = seedBand(runs);
        const loss = s.loss.slice(sp.test.start, sp.test.end), im = s.im.slice(sp.test.start, sp.test.end);
        const ev = (m: Float64Array) => evaluateMultiplier({ loss, im, r: test.r, m, bench: mS, tau: p.tau });
        const evE = ev(ens), evHs = ev(new Float64Array(n).fill(1)), evS = ev(mS);
        const times = (m: Float64Array) => Float64Array.from(im, (v, i) => m[i] * v);
        const margins = { baselineHs: im, static: times(mS), mlpEns: times(ens) } as Record<WindowRule, Float64Array>;
        for (const r of CCP_RULES) margins[r] = ccp[r].slice(sp.test.start, sp.test.end);
        const rules = windowRuleStats(loss, margins, { ...p, reference: "static", seed: p.kupiecSeed, nullCache });
        sideOut[name] = {
          from: test.dates[0],
          to: test.dates[n - 1],
          n,
          trainFrom: train.dates[0],
          trainTo: train.dates[train.dates.length - 1],
          validTo: valid.dates[valid.dates.length - 1],
          nTrain: train.r.length,
          nValid: valid.r.length,
          ...windowExtremes(loss, test.r, im),
          baselineHs: evHs,
          static: { ...evS, multiplier: mS[0] },
          mlpEns: { ...evE, ...multiplierPathStats(ens, im, p) },
          mlpSeeds: meanSdByKey(runs.map(ev), ["breachRate", "exceptions", "marginRatio", "avgMultiplier"]),
          rules: rules as Record<WindowRule, (typeof rules)[string]>,
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
        if (shocked) {
          const table: ShockTable = {};
          probes.forEach((q, k) => {
            const bySeed = Object.fromEntries(q.keys.map((key, i) => [key, fit.probes.map((ms) => ms[k][i])]));
            const res = shockResponse(bySeed);
            table[`d${q.date.replaceAll("-", "")}`] = { date: q.date, m: res.m, ...res.effects };
          });
          sideOut.shocks = table;
        }
        ctx.log(
          `${side} ${name}: n ${n}, train ${train.r.length}; exceptions HS ${evHs.exceptions}, static ${evS.exceptions}, ` +
            `MLP ${evE.exceptions}, FHS ${rules.fhs.exceptions}, floored HS ${rules.flooredHs.exceptions}; ` +
            `mean m ${evE.avgMultiplier.toFixed(3)}`,
        );
      }
      metrics[side] = sideOut as SideMetrics;
      series[side] = sideSer;
    }
    metrics.design = {
      dataEnd: panel.dates[panel.dates.length - 1],
      nWindows: W,
      nSeeds: p.seeds.length,
      shockModelWindow: p.shockModelWindow,
      nShockDates: p.shockDates.length,
    };
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
