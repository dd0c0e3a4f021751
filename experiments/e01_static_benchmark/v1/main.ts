/**
 * e01 — the walking skeleton. Long and short one NYMEX WTI front-month
 * contract (1,000 bbl, rolled at each last trading day), P&L in USD over an
 * h-day margin period of risk. Baseline IM at date t = historical-simulation
 * VaR at `imTau` of the last `lookback` overlapping h-day P&Ls ending at
 * or before t; the floored variant takes the max with the same VaR over
 * `floorLookback` days (EMIR's 10-year floor). The loss L_{t,t+h} is compared
 * with IM_t. CME's published CL initial margin is backtested the same way,
 * and also against 1-day losses L_{t,t+1} (`cmeWindow.cmeMpor1`): CME
 * calibrates outright futures to a shorter liquidation horizon than 2 days.
 * Every backtest says its loss horizon (`mpor`) and carries the overlap-aware
 * tests: Kupiec with the null simulated under overlapping windows
 * (`kupiecSims` draws, seed `kupiecSeed`) and Christoffersen's independence
 * test on the non-overlapping subsample (the primary one: on all days of
 * overlapping windows the naive test over-rejects).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { marginInForce, parseCmeMargins } from "../../../lib/data/mod.ts";
import { loadSums, readVerified } from "../../../lib/data/load.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import { panelUntil } from "../../../lib/data/panel_until.ts";
import { rowsBetween } from "../../../lib/data/rows_between.ts";
import { roundTo } from "../../../lib/core/round_to.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../../../lib/market/cl_roll.ts";
import { flooredHsVar } from "../../../lib/margin/floored_hs_var.ts";
import { targetForwardLossFromDailyPnl } from "../../../lib/targets/forward_loss.ts";
import { type OverlapAwareBacktest, overlapAwareBacktest } from "../../../lib/backtest/overlap_backtest.ts";
import { OverlapNullCache } from "../../../lib/backtest/overlap_null_cache.ts";
import type { Metrics, Params, Series, SideMetrics, SideSeries } from "./outputs.ts";

const CME_FILE = "data/raw/cme-margins-history/NYMEX_CL.csv";

await runStage<Params>(import.meta.url, {
  schema: {
    mpor: { type: "integer", min: 1, max: 20 },
    imTau: { type: "number", min: 0.5, max: 0.9999 },
    lookback: { type: "integer", min: 20 },
    floorLookback: { type: "integer", min: 250 },
    contractBbl: { type: "number", min: 1 },
    evalFrom: { type: "date" },
    evalTo: { type: "date" },
    kupiecSims: { type: "integer", min: 100 },
    kupiecSeed: { type: "integer", min: 0 },
  },
  async run(ctx) {
    const p = ctx.params, h = p.mpor;
    // The futures history ends 2022-02-15: restrict to the life of cl1/cl2.
    const all = await readCrudePanel(ctx);
    const { dates, columns } = panelUntil(all, all.dates[all.dates.length - 1]);
    const daily = rolledDailyPnl(columns.cl1, columns.cl2, clLastTradingDays(dates), p.contractBbl);
    const pnlH = overlappingSum(daily, h); // P&L of a long position over (t−h, t]
    ctx.log(`${dates.length} days, first ${h}-day P&L on ${dates[pnlH.findIndex((x) => !Number.isNaN(x))]}`);
    const cmeText = (await readVerified(ctx.root, CME_FILE, await loadSums(ctx.root))).text;
    const cme = marginInForce(parseCmeMargins(cmeText, CME_FILE), dates);

    const idx = rowsBetween(dates, p.evalFrom, p.evalTo).filter((t) => t + h < dates.length);
    if (idx.length < 250) throw new RangeError(`evalFrom/evalTo select only ${idx.length} days; need at least 250`);
    const cmeIdx = idx.filter((t) => !Number.isNaN(cme.initial[t]));
    const strip = ({ flags: _f, ...r }: OverlapAwareBacktest) => r;
    const kOpts = { simulations: p.kupiecSims, seed: p.kupiecSeed, cache: new OverlapNullCache() }; // one null per n
    const marginBacktest = (loss: Float64Array, im: Float64Array, rows: number[], tau: number, mpor = h) =>
      overlapAwareBacktest(loss, im, rows, tau, mpor, kOpts);
    const r2 = (x: number) => roundTo(x, 2);

    const side = (name: string, sign: 1 | -1): { metrics: SideMetrics; series: SideSeries } => {
      const { im, imFloor } = flooredHsVar(pnlH.map((x) => sign * x), { ...p, tau: p.imTau });
      const loss = targetForwardLossFromDailyPnl(daily, h, sign); // L_{t,t+h} = −(position P&L over (t, t+h])
      const loss1 = targetForwardLossFromDailyPnl(daily, 1, sign); // L_{t,t+1}: CME's shorter horizon
      for (const t of idx) {
        if (Number.isNaN(im[t]) || Number.isNaN(imFloor[t]) || Number.isNaN(loss[t])) {
          throw new RangeError(
            `${name}: IM or loss undefined on ${dates[t]}; move evalFrom later (lookbacks need history)`,
          );
        }
      }
      const hs = marginBacktest(loss, im, idx, p.imTau), fl = marginBacktest(loss, imFloor, idx, p.imTau);
      const cm = marginBacktest(loss, cme.initial, cmeIdx, p.imTau);
      const hsOnCme = marginBacktest(loss, im, cmeIdx, p.imTau);
      ctx.log(`${name}: HS ${hs.exceptions}/${hs.n} breaches, floor ${fl.exceptions}, CME ${cm.exceptions}/${cm.n}`);
      return {
        metrics: {
          hs: strip(hs),
          hsFloor: strip(fl),
          cmeWindow: {
            from: dates[cmeIdx[0]],
            to: dates[cmeIdx[cmeIdx.length - 1]],
            cme: strip(cm),
            cmeMpor1: strip(marginBacktest(loss1, cme.initial, cmeIdx, p.imTau, 1)),
            hs: strip(hsOnCme),
            hsFloor: strip(marginBacktest(loss, imFloor, cmeIdx, p.imTau)),
            hsToCmeAvgIm: hsOnCme.avgIm / cm.avgIm,
          },
        },
        series: {
          loss: idx.map((t) => r2(loss[t])),
          imHs: idx.map((t) => r2(im[t])),
          imHsFloor: idx.map((t) => r2(imFloor[t])),
          imCme: idx.map((t) => r2(cme.initial[t])),
          breachHs: Array.from(hs.flags),
        },
      };
    };
    const long = side("long", 1), short = side("short", -1);
    const metrics: Metrics = {
      long: long.metrics,
      short: short.metrics,
      window: { from: dates[idx[0]], to: dates[idx[idx.length - 1]], days: idx.length },
    };
    const series: Series = { dates: idx.map((t) => dates[t]), long: long.series, short: short.series };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
