/**
 * e03 — IM attribution on real data. Three units (desks) hold positions in
 * vendored series of the crude panel: by default A long 10 WTI front-month
 * futures, B short 9 WTI second-month futures (a near-offsetting calendar
 * hedge of A) and C long one Henry Hub contract-equivalent (10,000 MMBtu of
 * spot). Futures positions are rolled at each CL last trading day; spot
 * positions take plain h-day price changes. The unit P&L matrix at as-of date
 * t holds the last `lookback` overlapping h-day P&Ls ending at or before t;
 * IM = HS-ES (and HS-VaR) at `imTau`, floored at 0.
 *
 * Per unit and measure: standalone IM, Euler/component (ES exact tail
 * average, VaR kernel-smoothed), pro-rata by standalone, incremental,
 * marginal (finite difference) and exact Shapley; plus the diversification
 * benefit and the adding-up checks. Computed at `asOf`, at each of
 * `sensitivityDates`, and at every month end in [historyFrom, historyTo].
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import { panelUntil } from "../../../lib/data/panel_until.ts";
import { monthEndRows, rowOnOrBefore } from "../../../lib/data/month_end_rows.ts";
import { DESK_INSTRUMENTS, deskPnl } from "../../../lib/attribution/desk_pnl.ts";
import { deskAttribution, standaloneVsHsVarEs } from "../../../lib/attribution/desk_attribution.ts";
import { attributionHistory } from "../../../lib/attribution/attribution_history.ts";
import type { AttributionAt, Metrics, Params, Series } from "./outputs.ts";

await runStage<Params>(import.meta.url, {
  schema: {
    mpor: { type: "integer", min: 1, max: 20 },
    imTau: { type: "number", min: 0.5, max: 0.9999 },
    lookback: { type: "integer", min: 250 },
    asOf: { type: "date" },
    unitIds: { type: "string[]", minLength: 2 },
    unitLabels: { type: "string[]", minLength: 2 },
    instruments: { type: "string[]", enum: [...DESK_INSTRUMENTS], minLength: 2 },
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

    // The futures history ends 2022-02-15: restrict to the life of cl1..cl4.
    const all = await readCrudePanel(ctx);
    const panel = panelUntil(all, all.dates[all.dates.length - 1]);
    const dates = panel.dates, n = p.lookback;
    const units = p.unitIds.map((id, j) => ({
      id,
      instrument: p.instruments[j],
      quantity: p.quantities[j],
      contractSize: p.contractSizes[j],
    }));
    const pnl = deskPnl(panel, units, { mpor: p.mpor, lookback: n });
    const opts = { ...p, tau: p.imTau, unitIds: p.unitIds };
    const atDate = (t: number): AttributionAt => ({
      asOf: dates[t],
      windowFrom: dates[t - n + 1],
      windowTo: dates[t],
      scenarios: n,
      ...deskAttribution(pnl.at(t), { ...opts, label: dates[t] }),
    });

    const tMain = rowOnOrBefore(dates, p.asOf, "asOf");
    const main = atDate(tMain);
    const fmt = (x: Record<string, number>) => Object.values(x).map((v) => v.toFixed(0)).join(", ");
    ctx.log(
      `${main.asOf}: ES ${main.es.total.toFixed(0)}; Euler ${fmt(main.es.euler)}; pro-rata ${fmt(main.es.proRata)}`,
    );
    // Cross-check the matrix engine on the unit rows: standalone ES = hsVarEs of each row.
    const standaloneVsHsMaxAbs = standaloneVsHsVarEs(pnl.at(tMain), main, opts);

    const byDate: Record<string, AttributionAt> = {};
    for (const d of p.sensitivityDates) {
      byDate[`d${d.replaceAll("-", "")}`] = atDate(rowOnOrBefore(dates, d, "sensitivityDates entry"));
    }

    const monthEnds = monthEndRows(dates, p.historyFrom, p.historyTo);
    if (monthEnds.length < 2) throw new RangeError(`historyFrom/historyTo select only ${monthEnds.length} month ends`);
    const hist = attributionHistory(monthEnds.map(atDate), p.unitIds);
    ctx.log(`${hist.summary.months} month ends ${hist.summary.from}..${hist.summary.to}`);

    const metrics: Metrics = {
      units: Object.fromEntries(units.map((u, j) => [u.id, {
        label: p.unitLabels[j],
        instrument: u.instrument,
        quantity: u.quantity,
        contractSize: u.contractSize,
        absQuantity: Math.abs(u.quantity),
      }])),
      main: { ...main, checks: { standaloneVsHsVarEsMaxAbs: standaloneVsHsMaxAbs } },
      byDate,
      history: hist.summary,
    };
    const series: Series = { unitIds: p.unitIds, unitLabels: p.unitLabels, ...hist.series };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
