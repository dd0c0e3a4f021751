/**
 * e01 — the walking skeleton. Long and short one NYMEX WTI front-month
 * contract (1,000 bbl, rolled at each last trading day), P&L in USD over an
 * h-day margin period of risk. Baseline IM at date t = historical-simulation
 * VaR at `confidence` of the last `lookback` overlapping h-day P&Ls ending at
 * or before t; the floored variant takes the max with the same VaR over
 * `floorLookback` days (EMIR's 10-year floor). The loss L_{t,t+h} is compared
 * with IM_t. CME's published CL initial margin is backtested the same way.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { marginInForce, panelFromCsv, parseCmeMargins } from "../../../lib/data/mod.ts";
import { loadSums, readVerified } from "../../../lib/data/load.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../../../lib/market/cl_roll.ts";
import { hsMargin } from "../../../lib/margin/hs.ts";
import { rollingMargin } from "../../../lib/margin/rolling_margin.ts";
import { apcFloor } from "../../../lib/margin/apc.ts";
import { christoffersen, exceptions, kupiecPof } from "../../../lib/backtest/mod.ts";

interface Params {
  mpor: number;
  confidence: number;
  lookback: number;
  floorLookback: number;
  contractBbl: number;
  evalFrom: string;
  evalTo: string;
}

/** Backtest one margin series against realised losses on the evaluation index set. */
function backtest(loss: Float64Array, im: Float64Array, idx: number[], confidence: number) {
  const l = Float64Array.from(idx, (i) => loss[i]);
  const m = Float64Array.from(idx, (i) => im[i]);
  const ex = exceptions(l, m);
  const kup = kupiecPof(ex.count, ex.n, confidence);
  const chr = christoffersen(ex.flags, confidence);
  let sum = 0;
  for (const v of m) sum += v;
  return {
    n: ex.n,
    exceptions: ex.count,
    breachRate: ex.rate,
    kupiecLR: kup.lr,
    kupiecP: kup.pValue,
    christoffersenIndLR: chr.independence.lr,
    christoffersenIndP: chr.independence.pValue,
    avgIm: sum / m.length,
    flags: ex.flags,
  };
}

await runStage<Params>(import.meta.url, {
  schema: {
    mpor: { type: "integer", min: 1, max: 20 },
    confidence: { type: "number", min: 0.5, max: 0.9999 },
    lookback: { type: "integer", min: 20 },
    floorLookback: { type: "integer", min: 250 },
    contractBbl: { type: "number", min: 1 },
    evalFrom: { type: "date" },
    evalTo: { type: "date" },
  },
  async run(ctx) {
    const p = ctx.params;
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const all = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
    // The futures history ends 2022-02-15: restrict to the life of cl1/cl2.
    const end = all.dates.findLastIndex((_, i) => !Number.isNaN(all.columns.cl1[i]));
    const dates = all.dates.slice(0, end + 1);
    const cl1 = all.columns.cl1.subarray(0, end + 1), cl2 = all.columns.cl2.subarray(0, end + 1);
    const ltd = clLastTradingDays(dates);
    const daily = rolledDailyPnl(cl1, cl2, ltd, p.contractBbl);
    const h = p.mpor;
    const pnlH = overlappingSum(daily, h); // P&L of a long position over (t−h, t]
    const first = pnlH.findIndex((x) => !Number.isNaN(x));
    ctx.log(`${dates.length} days, first ${h}-day P&L on ${dates[first]}`);
    const sums = await loadSums(ctx.root);
    const cmeFile = "data/raw/cme-margins-history/NYMEX_CL.csv";
    const cme = marginInForce(parseCmeMargins((await readVerified(ctx.root, cmeFile, sums)).text, cmeFile), dates);

    const idx: number[] = [];
    for (let t = 0; t + h < dates.length; t++) {
      if (dates[t] >= p.evalFrom && dates[t] <= p.evalTo) idx.push(t);
    }
    if (idx.length < 250) throw new RangeError(`evalFrom/evalTo select only ${idx.length} days; need at least 250`);
    const cmeIdx = idx.filter((t) => !Number.isNaN(cme.initial[t]));

    const sides = { long: 1, short: -1 } as const;
    const metrics: Record<string, unknown> = {};
    const series: Record<string, unknown> = { dates: idx.map((t) => dates[t]) };
    for (const [side, sign] of Object.entries(sides)) {
      const pnl = new Float64Array(pnlH.length - first);
      for (let i = 0; i < pnl.length; i++) pnl[i] = sign * pnlH[first + i];
      const var99 = (w: Float64Array) => hsMargin(w, { confidence: p.confidence, measure: "var" });
      const pad = (x: Float64Array) => {
        const out = new Float64Array(dates.length).fill(NaN);
        out.set(x, first);
        return out;
      };
      const im = pad(rollingMargin(pnl, var99, { lookback: p.lookback }));
      const imLong = pad(rollingMargin(pnl, var99, { lookback: p.floorLookback }));
      const imFloor = apcFloor(im, imLong);
      // L_{t,t+h} = −(position P&L over (t, t+h]).
      const loss = new Float64Array(dates.length).fill(NaN);
      for (let t = 0; t + h < dates.length; t++) loss[t] = -sign * pnlH[t + h];
      for (const t of idx) {
        if (Number.isNaN(im[t]) || Number.isNaN(imFloor[t]) || Number.isNaN(loss[t])) {
          throw new RangeError(
            `${side}: IM or loss undefined on ${dates[t]}; move evalFrom later (lookbacks need history)`,
          );
        }
      }
      const hs = backtest(loss, im, idx, p.confidence);
      const fl = backtest(loss, imFloor, idx, p.confidence);
      const cm = backtest(loss, cme.initial, cmeIdx, p.confidence);
      const hsOnCme = backtest(loss, im, cmeIdx, p.confidence);
      const flOnCme = backtest(loss, imFloor, cmeIdx, p.confidence);
      const strip = ({ flags: _f, ...r }: ReturnType<typeof backtest>) => r;
      metrics[side] = {
        hs: strip(hs),
        hsFloor: strip(fl),
        cmeWindow: {
          from: dates[cmeIdx[0]],
          to: dates[cmeIdx[cmeIdx.length - 1]],
          cme: strip(cm),
          hs: strip(hsOnCme),
          hsFloor: strip(flOnCme),
          hsToCmeAvgIm: hsOnCme.avgIm / cm.avgIm,
        },
      };
      const r2 = (x: number) => Number.isNaN(x) ? null : Math.round(x * 100) / 100;
      series[side] = {
        loss: idx.map((t) => r2(loss[t])),
        imHs: idx.map((t) => r2(im[t])),
        imHsFloor: idx.map((t) => r2(imFloor[t])),
        imCme: idx.map((t) => r2(cme.initial[t])),
        breachHs: Array.from(hs.flags),
      };
      ctx.log(`${side}: HS ${hs.exceptions}/${hs.n} breaches, floor ${fl.exceptions}, CME ${cm.exceptions}/${cm.n}`);
    }
    metrics.window = { from: dates[idx[0]], to: dates[idx[idx.length - 1]], days: idx.length };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
