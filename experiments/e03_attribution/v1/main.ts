/**
 * e03 — IM attribution on real data. Three units (desks) hold positions in
 * vendored series of the crude panel: by default A long 10 WTI front-month
 * futures, B short 9 WTI second-month futures (a near-offsetting calendar
 * hedge of A) and C long one Henry Hub contract-equivalent (10,000 MMBtu of
 * spot). Futures positions are rolled at each CL last trading day; spot
 * positions take plain h-day price changes. The unit P&L matrix at as-of date
 * t holds the last `lookback` overlapping h-day P&Ls ending at or before t;
 * IM = HS-ES (and HS-VaR) at `confidence`, floored at 0.
 *
 * Per unit and measure: standalone IM, Euler/component (ES exact tail
 * average, VaR kernel-smoothed), pro-rata by standalone, incremental,
 * marginal (finite difference) and exact Shapley; plus the diversification
 * benefit and the adding-up checks. Computed at `asOf`, at each of
 * `sensitivityDates`, and at every month end in [historyFrom, historyTo].
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { lowerBound, panelFromCsv } from "../../../lib/data/mod.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../../../lib/market/cl_roll.ts";
import { buildScenarios, createMatrix, hsMargin, hsVarEs, type Matrix } from "../../../lib/margin/mod.ts";
import {
  diversificationBenefit,
  eulerEs,
  eulerVar,
  incremental,
  marginal,
  proRata,
  scenarioMarginFn,
  shapley,
} from "../../../lib/attribution/mod.ts";

const FUTURES = ["cl1", "cl2", "cl3"] as const;
const SPOT = ["wti_spot", "brent_spot", "hh_spot"] as const;
const INSTRUMENTS = [...FUTURES, ...SPOT];
const MEASURES = ["es", "var"] as const;
type Measure = typeof MEASURES[number];

interface Params {
  mpor: number;
  confidence: number;
  lookback: number;
  asOf: string;
  unitIds: string[];
  unitLabels: string[];
  instruments: string[];
  quantities: number[];
  contractSizes: number[];
  marginalEps: number;
  eulerEsTol: number;
  shapleyTol: number;
  sensitivityDates: string[];
  historyFrom: string;
  historyTo: string;
}

type PerUnit = Record<string, number>;

/** Attribution of one measure at one as-of date. */
interface MeasureAttribution {
  total: number;
  standalone: PerUnit;
  sumStandalone: number;
  diversificationBenefit: number;
  diversificationRatio: number;
  euler: PerUnit;
  eulerShare: PerUnit;
  proRata: PerUnit;
  proRataShare: PerUnit;
  incremental: PerUnit;
  sumIncremental: number;
  marginal: PerUnit;
  /** Margin of every non-empty coalition (key = member ids concatenated), the inputs of Shapley. */
  coalitions: Record<string, number>;
  shapley: PerUnit;
  shapleyShare: PerUnit;
  /** VaR only: kernel-smoothed VaR at the library's default bandwidth, and the rescale factor VaR / smoothed. */
  kernel?: { smoothedTotal: number; rescale: number };
  negativeEuler: string[];
  negativeShapley: string[];
  negativeProRata: string[];
  checks: {
    eulerSumAbsErr: number;
    eulerSumRelErr: number;
    shapleyEfficiencyAbsErr: number;
    proRataSumAbsErr: number;
    marginalVsEulerMaxAbs: number;
  };
}

await runStage<Params>(import.meta.url, {
  schema: {
    mpor: { type: "integer", min: 1, max: 20 },
    confidence: { type: "number", min: 0.5, max: 0.9999 },
    lookback: { type: "integer", min: 250 },
    asOf: { type: "date" },
    unitIds: { type: "string[]", minLength: 2 },
    unitLabels: { type: "string[]", minLength: 2 },
    instruments: { type: "string[]", enum: INSTRUMENTS, minLength: 2 },
    quantities: { type: "number[]", minLength: 2 },
    contractSizes: { type: "number[]", min: 0, minLength: 2 },
    marginalEps: { type: "number", min: 1e-8, max: 0.1 },
    eulerEsTol: { type: "number", min: 0 },
    shapleyTol: { type: "number", min: 0 },
    sensitivityDates: { type: "string[]", minLength: 1 },
    historyFrom: { type: "date" },
    historyTo: { type: "date" },
  },
  async run(ctx) {
    const p = ctx.params;
    const U = p.unitIds.length;
    for (
      const [k, v] of Object.entries({
        unitLabels: p.unitLabels,
        instruments: p.instruments,
        quantities: p.quantities,
        contractSizes: p.contractSizes,
      })
    ) {
      if (v.length !== U) throw new RangeError(`params.json: ${k} has ${v.length} entries but unitIds has ${U}`);
    }
    if (new Set(p.unitIds).size !== U || p.unitIds.some((id) => !/^[A-Za-z][A-Za-z0-9]*$/.test(id))) {
      throw new RangeError(`params.json: unitIds must be distinct identifiers, got ${JSON.stringify(p.unitIds)}`);
    }
    for (const d of p.sensitivityDates) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) {
        throw new TypeError(`params.json: sensitivityDates entry "${d}" is not YYYY-MM-DD`);
      }
    }

    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const all = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
    // The futures history ends 2022-02-15: restrict to the life of cl1..cl4.
    const end = all.dates.findLastIndex((_, i) => !Number.isNaN(all.columns.cl1[i]));
    const dates = all.dates.slice(0, end + 1);
    const col = (name: string) => {
      const c = all.columns[name];
      if (!c) throw new RangeError(`crude_panel.csv has no column "${name}"`);
      return c.subarray(0, end + 1);
    };
    const ltd = clLastTradingDays(dates);
    const h = p.mpor, n = p.lookback;

    // h-day price change (USD/bbl) of each futures position held, rolled at CL last trading days.
    const futuresPnl = new Map<string, Float64Array>();
    FUTURES.forEach((name, k) => {
      if (p.instruments.includes(name)) {
        futuresPnl.set(name, overlappingSum(rolledDailyPnl(col(name), col(`cl${k + 2}`), ltd, 1), h));
      }
    });

    /** Units × scenarios P&L matrix (USD) of the last `n` h-day windows ending at date index t. */
    const unitPnl = (t: number): Matrix => {
      const first = t - n + 1;
      if (first - h < 1) {
        throw new RangeError(
          `as-of ${dates[t]}: a lookback of ${n} ${h}-day scenarios needs history before ${dates[0]}`,
        );
      }
      const m = createMatrix(U, n);
      for (let j = 0; j < U; j++) {
        const inst = p.instruments[j], q = p.quantities[j], size = p.contractSizes[j];
        const row = m.data.subarray(j * n, (j + 1) * n);
        const fut = futuresPnl.get(inst);
        if (fut) {
          for (let s = 0; s < n; s++) row[s] = q * size * fut[first + s];
        } else {
          const prices = col(inst).subarray(first - h, t + 1);
          const bad = prices.findIndex((x) => !Number.isFinite(x));
          if (bad >= 0) {
            throw new RangeError(
              `as-of ${dates[t]}: ${inst} is missing on ${
                dates[first - h + bad]
              }; move the date later or shorten lookback`,
            );
          }
          const sc = buildScenarios([prices], { mpor: h, lookback: n });
          for (let s = 0; s < n; s++) row[s] = q * size * sc.data[s];
        }
        const bad = row.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0) {
          throw new RangeError(
            `as-of ${dates[t]}: unit ${p.unitIds[j]} (${inst}) has no ${h}-day P&L on ${dates[first + bad]}`,
          );
        }
      }
      return m;
    };

    const perUnit = (x: ArrayLike<number>): PerUnit => Object.fromEntries(p.unitIds.map((id, j) => [id, x[j]]));
    const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
    const negatives = (x: ArrayLike<number>) => p.unitIds.filter((_, j) => x[j] < 0);

    const attribute = (m: Matrix, measure: Measure): MeasureAttribution => {
      const fn = scenarioMarginFn(m, { confidence: p.confidence, measure });
      const div = diversificationBenefit(fn, U);
      const total = div.total;
      // Independent total from the plain HS engine on the portfolio P&L vector.
      const port = new Float64Array(m.cols);
      for (let j = 0; j < U; j++) for (let s = 0; s < m.cols; s++) port[s] += m.data[j * m.cols + s];
      const hsTotal = hsMargin(port, { confidence: p.confidence, measure });
      if (hsTotal !== total) throw new RangeError(`${measure}: scenarioMarginFn total ${total} ≠ hsMargin ${hsTotal}`);
      const eu = measure === "es" ? eulerEs(m, p.confidence) : eulerVar(m, p.confidence);
      const pr = proRata(fn, U);
      const inc = incremental(fn, U);
      const mg = marginal(fn, U, { eps: p.marginalEps });
      const sh = shapley(fn, U);
      const coalitions: Record<string, number> = {};
      for (let mask = 1; mask < 1 << U; mask++) {
        const w = Float64Array.from(p.unitIds, (_, j) => (mask >>> j) & 1);
        coalitions[p.unitIds.filter((_, j) => (mask >>> j) & 1).join("")] = fn(w);
      }
      if (!sh.exact) throw new RangeError(`shapley: expected exact values for ${U} units`);
      const eulerSumAbsErr = Math.abs(sum(eu.contributions) - total);
      const share = (x: ArrayLike<number>) => perUnit(Array.from(x, (v) => v / total));
      let marginalVsEulerMaxAbs = 0;
      for (let j = 0; j < U; j++) {
        marginalVsEulerMaxAbs = Math.max(marginalVsEulerMaxAbs, Math.abs(mg.component[j] - eu.contributions[j]));
      }
      return {
        total,
        standalone: perUnit(div.standalone),
        sumStandalone: div.sumStandalone,
        diversificationBenefit: div.benefit,
        diversificationRatio: div.ratio,
        euler: perUnit(eu.contributions),
        eulerShare: share(eu.contributions),
        proRata: perUnit(pr),
        proRataShare: share(pr),
        incremental: perUnit(inc),
        sumIncremental: sum(inc),
        marginal: perUnit(mg.marginal),
        coalitions,
        shapley: perUnit(sh.values),
        shapleyShare: share(sh.values),
        ...("smoothedVar" in eu ? { kernel: { smoothedTotal: eu.smoothedVar, rescale: eu.var / eu.smoothedVar } } : {}),
        negativeEuler: negatives(eu.contributions),
        negativeShapley: negatives(sh.values),
        negativeProRata: negatives(pr),
        checks: {
          eulerSumAbsErr,
          eulerSumRelErr: eulerSumAbsErr / Math.abs(total),
          shapleyEfficiencyAbsErr: Math.abs(sum(sh.values) - (sh.total - sh.empty)),
          proRataSumAbsErr: Math.abs(sum(pr) - total),
          marginalVsEulerMaxAbs,
        },
      };
    };

    /** Index of the last panel date on or before `iso`. */
    const indexOf = (iso: string, what: string) => {
      const i = lowerBound(dates, iso);
      const t = dates[i] === iso ? i : i - 1;
      if (t < 0) throw new RangeError(`${what} ${iso} precedes the panel (${dates[0]})`);
      if (iso > dates[dates.length - 1]) {
        throw new RangeError(`${what} ${iso} is after the end of the futures history (${dates[dates.length - 1]})`);
      }
      return t;
    };
    const atDate = (t: number) => {
      const m = unitPnl(t);
      const es = attribute(m, "es"), v = attribute(m, "var");
      if (!(es.checks.eulerSumRelErr <= p.eulerEsTol)) {
        throw new RangeError(
          `${dates[t]}: Euler ES contributions miss the total by ${es.checks.eulerSumRelErr} (rel) > eulerEsTol`,
        );
      }
      for (const a of [es, v]) {
        if (!(a.checks.shapleyEfficiencyAbsErr <= p.shapleyTol * Math.max(1, a.total))) {
          throw new RangeError(
            `${dates[t]}: Shapley efficiency error ${a.checks.shapleyEfficiencyAbsErr} > shapleyTol`,
          );
        }
      }
      return { asOf: dates[t], windowFrom: dates[t - n + 1], windowTo: dates[t], scenarios: n, es, var: v };
    };

    const tMain = indexOf(p.asOf, "asOf");
    const main = atDate(tMain);
    ctx.log(
      `${main.asOf}: ES ${main.es.total.toFixed(0)}; Euler ${
        Object.values(main.es.euler).map((x) => x.toFixed(0)).join(", ")
      }` +
        `; pro-rata ${Object.values(main.es.proRata).map((x) => x.toFixed(0)).join(", ")}`,
    );
    // Cross-check the matrix engine on the unit rows: standalone ES = hsVarEs of each row.
    const mMain = unitPnl(tMain);
    const hsRows = hsVarEs(mMain, p.confidence);
    let standaloneVsHsMaxAbs = 0;
    p.unitIds.forEach((id, j) => {
      standaloneVsHsMaxAbs = Math.max(
        standaloneVsHsMaxAbs,
        Math.abs(main.es.standalone[id] - Math.max(0, hsRows.es[j])),
        Math.abs(main.var.standalone[id] - Math.max(0, hsRows.var[j])),
      );
    });

    const byDate: Record<string, unknown> = {};
    for (const d of p.sensitivityDates) {
      byDate[`d${d.replaceAll("-", "")}`] = atDate(indexOf(d, "sensitivityDates entry"));
    }

    // Month-end history.
    const monthEnds: number[] = [];
    for (let t = 0; t < dates.length; t++) {
      const d = dates[t];
      if (d < p.historyFrom || d > p.historyTo) continue;
      if (t + 1 === dates.length || dates[t + 1].slice(0, 7) !== d.slice(0, 7) || dates[t + 1] > p.historyTo) {
        monthEnds.push(t);
      }
    }
    if (monthEnds.length < 2) throw new RangeError(`historyFrom/historyTo select only ${monthEnds.length} month ends`);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const hist = monthEnds.map(atDate);
    const series: Record<string, unknown> = {
      unitIds: p.unitIds,
      unitLabels: p.unitLabels,
      dates: hist.map((a) => a.asOf),
    };
    for (const meas of MEASURES) {
      const s: Record<string, unknown> = { total: hist.map((a) => r2(a[meas].total)) };
      for (const k of ["standalone", "euler", "proRata", "incremental", "shapley"] as const) {
        s[k] = Object.fromEntries(p.unitIds.map((id) => [id, hist.map((a) => r2(a[meas][k][id]))]));
      }
      series[meas] = s;
    }
    const countNeg = (meas: Measure, k: "euler" | "shapley" | "proRata" | "incremental") =>
      Object.fromEntries(p.unitIds.map((id) => [id, hist.filter((a) => a[meas][k][id] < 0).length]));
    const maxOf = (f: (a: ReturnType<typeof atDate>) => number) => Math.max(...hist.map(f));
    const history: Record<string, unknown> = {
      from: hist[0].asOf,
      to: hist[hist.length - 1].asOf,
      months: hist.length,
      maxEulerEsSumAbsErr: maxOf((a) => a.es.checks.eulerSumAbsErr),
      maxEulerEsSumRelErr: maxOf((a) => a.es.checks.eulerSumRelErr),
      maxShapleyEfficiencyAbsErr: maxOf((a) =>
        Math.max(a.es.checks.shapleyEfficiencyAbsErr, a.var.checks.shapleyEfficiencyAbsErr)
      ),
    };
    for (const meas of MEASURES) {
      history[meas] = {
        negativeEulerMonths: countNeg(meas, "euler"),
        negativeShapleyMonths: countNeg(meas, "shapley"),
        negativeProRataMonths: countNeg(meas, "proRata"),
        negativeIncrementalMonths: countNeg(meas, "incremental"),
        minEuler: Object.fromEntries(p.unitIds.map((id) => [id, Math.min(...hist.map((a) => a[meas].euler[id]))])),
        maxTotal: maxOf((a) => a[meas].total),
        minTotal: Math.min(...hist.map((a) => a[meas].total)),
      };
    }
    ctx.log(
      `${hist.length} month ends ${history.from}..${history.to}; B Euler ES < 0 in ${
        JSON.stringify(countNeg("es", "euler"))
      }`,
    );

    const units = Object.fromEntries(p.unitIds.map((id, j) => [id, {
      label: p.unitLabels[j],
      instrument: p.instruments[j],
      quantity: p.quantities[j],
      contractSize: p.contractSizes[j],
      absQuantity: Math.abs(p.quantities[j]),
    }]));
    const metrics = {
      units,
      main: { ...main, checks: { standaloneVsHsVarEsMaxAbs: standaloneVsHsMaxAbs } },
      byDate,
      history,
    };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
