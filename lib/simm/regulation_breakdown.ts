/**
 * ORE's `regulation_breakdown` file: the SIMM breakdown under **every** regulation of each side and
 * portfolio (not only the winning one, as in simm.csv). Regulations that see exactly the same CRIF
 * records have the same result and share one block, labelled with their names joined by commas in
 * alphabetical order (ORE's `"ESA,USPR"` / `"CFTC,SEC"`). No across-portfolio total row. Same columns
 * and number format as {@link simmCsv}.
 *
 * @example
 * ```ts
 * import { regulationBreakdownCsv } from "./regulation_breakdown.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { loadCalibration, loadCrif } from "./load.ts";
 * const crif = await loadCrif("data/raw/simm/ore-example-2.6/crif.csv");
 * const report = computeSimm(crif.records, { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" });
 * const text = regulationBreakdownCsv(report, crif.records);
 * console.assert(text === await Deno.readTextFile("data/raw/simm/ore-example-2.6/regulation_breakdown_simm.csv"));
 * ```
 * @module
 */

import type { CrifRecord } from "./crif.ts";
import { regulationGroups, type SimmReport } from "./regulation.ts";

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The regulation breakdown as CSV text (header Portfolio, ProductClass, RiskClass, MarginType, Bucket,
 * SimmSide, Regulation, InitialMargin, Currency, CalculationCurrency; amounts with 9 decimals): per
 * side (Call, Post), per portfolio, per group of regulations with identical records (in the order of
 * their first name), that group's breakdown rows. `records` must be the records the report was
 * computed from (they define which regulations share a block).
 *
 * @throws {RangeError} when a regulation of the report has no record group in `records` (records and
 *   report do not belong together)
 * @example
 * ```ts
 * import { regulationBreakdownCsv } from "./regulation_breakdown.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { loadCalibration } from "./load.ts";
 * const csv = regulationBreakdownCsv(computeSimm([], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" }), []);
 * console.assert(csv.split("\n")[1].includes(",Call,Unspecified,"));
 * ```
 */
export function regulationBreakdownCsv(report: SimmReport, records: readonly CrifRecord[]): string {
  const ccy = report.calculationCurrency;
  const lines = [
    "Portfolio,ProductClass,RiskClass,MarginType,Bucket,SimmSide,Regulation,InitialMargin,Currency,CalculationCurrency",
  ];
  for (const side of ["Call", "Post"] as const) {
    for (const p of report.sides[side].portfolios) {
      const groups = regulationGroups(records.filter((r) => r.portfolio === p.portfolio), side);
      const blocks: { names: string[]; recs: readonly CrifRecord[] }[] = [];
      for (const reg of [...p.byRegulation.keys()].sort()) {
        const recs = groups.get(reg);
        if (recs === undefined) {
          throw new RangeError(
            `regulationBreakdownCsv: regulation ${JSON.stringify(reg)} of portfolio ${
              JSON.stringify(p.portfolio)
            } (${side}) has no records in the records given; pass the records the report was computed from`,
          );
        }
        const same = blocks.find((b) => b.recs.length === recs.length && b.recs.every((r, i) => r === recs[i]));
        if (same !== undefined) same.names.push(reg);
        else blocks.push({ names: [reg], recs });
      }
      const portfolio = p.portfolio === "" ? "Portfolio" : p.portfolio;
      for (const b of blocks) {
        const label = b.names.join(",");
        for (const r of p.byRegulation.get(b.names[0])!.rows) {
          lines.push(
            [portfolio, r.productClass, r.riskClass, r.marginType, r.bucket, side, label].map(csvField).join(",") +
              `,${r.initialMargin.toFixed(9)},${ccy},${ccy}`,
          );
        }
      }
    }
  }
  return lines.join("\n") + "\n";
}
