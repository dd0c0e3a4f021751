/**
 * Presentation of a {@link SimmReport}: ORE-style simm.csv text, a JSON document, and a fixed-width
 * table for the terminal. Pure string functions (the task writes the files).
 *
 * @example
 * ```ts
 * import { simmCsv, simmTable } from "./report.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * const rep = computeSimm([], { calibration: cal, mpor: 10, calculationCurrency: "USD" });
 * console.assert(simmCsv(rep).startsWith("Portfolio,ProductClass") && simmTable(rep).includes("Call"));
 * ```
 * @module
 */

import type { SimmReport, SimmReportRow } from "./regulation.ts";
import { reportRows } from "./regulation.ts";

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * simm.csv text with ORE's columns (Portfolio, ProductClass, RiskClass, MarginType, Bucket, SimmSide,
 * Regulation, InitialMargin, Currency, CalculationCurrency); amounts with 9 decimals.
 *
 * @example
 * ```ts
 * import { simmCsv } from "./report.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(simmCsv(computeSimm([], { calibration: cal, mpor: 10, calculationCurrency: "USD" })).split("\n").length === 6);
 * ```
 */
export function simmCsv(report: SimmReport): string {
  const ccy = report.calculationCurrency;
  const lines = [
    "Portfolio,ProductClass,RiskClass,MarginType,Bucket,SimmSide,Regulation,InitialMargin,Currency,CalculationCurrency",
  ];
  for (const r of reportRows(report)) {
    lines.push(
      [r.portfolio, r.productClass, r.riskClass, r.marginType, r.bucket, r.side, r.regulation].map(csvField).join(",") +
        `,${r.initialMargin.toFixed(9)},${ccy},${ccy}`,
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * JSON shape written by {@link simmJson}.
 *
 * @example
 * ```ts
 * import { simmJson } from "./report.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { loadCalibration } from "./load.ts";
 * const j = simmJson(computeSimm([], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" }));
 * console.assert(j.sides.Call.total === 0);
 * ```
 */
export interface SimmJson {
  /** SIMM version used. */
  readonly version: string;
  /** MPOR in days. */
  readonly mpor: number;
  /** Calculation (and result) currency. */
  readonly calculationCurrency: string;
  /** Per side: winning regulation, total, per-margin-type totals of the first portfolio, all rows. */
  readonly sides: Record<string, {
    regulation: string;
    total: number;
    byMarginType: Record<string, number>;
    rows: SimmReportRow[];
  }>;
}

/**
 * The report as a JSON-ready object.
 *
 * @example
 * ```ts
 * import { simmJson } from "./report.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(simmJson(computeSimm([], { calibration: cal, mpor: 10, calculationCurrency: "USD" })).mpor === 10);
 * ```
 */
export function simmJson(report: SimmReport): SimmJson {
  const rows = reportRows(report);
  const sides: SimmJson["sides"] = {};
  for (const side of ["Call", "Post"] as const) {
    const s = report.sides[side];
    const byMt: Record<string, number> = {};
    for (const p of s.portfolios) {
      for (const [k, v] of Object.entries(p.result.byMarginType)) byMt[k] = (byMt[k] ?? 0) + v;
    }
    sides[side] = {
      regulation: s.regulation,
      total: s.total,
      byMarginType: byMt,
      rows: rows.filter((r) => r.side === side),
    };
  }
  return { version: report.version, mpor: report.mpor, calculationCurrency: report.calculationCurrency, sides };
}

/**
 * Fixed-width table of the breakdown rows (amounts with thousands separators, 2 decimals).
 *
 * @example
 * ```ts
 * import { simmTable } from "./report.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(simmTable(computeSimm([], { calibration: cal, mpor: 10, calculationCurrency: "USD" })).includes("InitialMargin"));
 * ```
 */
export function simmTable(report: SimmReport): string {
  const head = [
    "Side",
    "Regulation",
    "Portfolio",
    "ProductClass",
    "RiskClass",
    "MarginType",
    "Bucket",
    "InitialMargin",
  ];
  const fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const body = reportRows(report).map((r) => [
    r.side,
    r.regulation,
    r.portfolio,
    r.productClass,
    r.riskClass,
    r.marginType,
    r.bucket,
    fmt.format(r.initialMargin),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [
    `SIMM ${report.version}, MPOR ${report.mpor} days, ${report.calculationCurrency}`,
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
  ].join("\n");
}
