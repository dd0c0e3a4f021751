/**
 * Regulations: SIMM per regulation and side, and the winning regulation (largest total IM).
 *
 * For a side (Call uses collect regulations, Post uses post regulations) every record is placed under
 * each regulation it lists. If no record lists a regulation there is one group, "Unspecified". If some
 * records list regulations, records without one are left out of every group (as in ORE's treatment of
 * the ISDA J-cases); parameter rows follow the same rule, so a multiplier or add-on applies only under
 * the regulations it names. The winning regulation has the largest total IM; ties go to the
 * alphabetically first name (this reproduces ORE's choice of ESA over USPR and CFTC over SEC).
 * Portfolios are computed separately; the across-portfolio total is the sum of the portfolio totals.
 *
 * @example
 * ```ts
 * import { computeSimm } from "./regulation.ts";
 * import { parseCrif } from "./crif.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * const crif = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,EUR,,,,1000000,USD");
 * const r = computeSimm(crif.records, { calibration: cal, mpor: 10, calculationCurrency: "USD" });
 * console.assert(r.sides.Call.regulation === "Unspecified");
 * ```
 * @module
 */

import type { CrifRecord } from "./crif.ts";
import type { SimmSettings } from "./risk_class_margin.ts";
import type { SimmGroupResult, SimmRow } from "./simm.ts";
import { computeSimmGroup, netSensitivities } from "./simm.ts";
import type { SimmSide } from "./types.ts";

/**
 * One portfolio's result on one side.
 *
 * @example
 * ```ts
 * import { computeSimm } from "./regulation.ts";
 * import { loadCalibration } from "./load.ts";
 * const r = computeSimm([], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" });
 * console.assert(r.sides.Call.portfolios[0].byRegulation.has("Unspecified"));
 * ```
 */
export interface PortfolioSideResult {
  /** Portfolio id ("" when the CRIF has none). */
  readonly portfolio: string;
  /** Winning regulation. */
  readonly regulation: string;
  /** Result under the winning regulation. */
  readonly result: SimmGroupResult;
  /** Results under every regulation of this side. */
  readonly byRegulation: ReadonlyMap<string, SimmGroupResult>;
}

/**
 * One side over all portfolios.
 *
 * @example
 * ```ts
 * import { computeSimm } from "./regulation.ts";
 * import { loadCalibration } from "./load.ts";
 * const r = computeSimm([], { calibration: await loadCalibration("2.6"), mpor: 1, calculationCurrency: "USD" });
 * console.assert(r.sides.Post.total === 0);
 * ```
 */
export interface SideResult {
  /** Winning regulation of the first portfolio (the usual single-portfolio case). */
  readonly regulation: string;
  /** Per portfolio. */
  readonly portfolios: readonly PortfolioSideResult[];
  /** Σ over portfolios of the winning totals. */
  readonly total: number;
}

/**
 * Both sides.
 *
 * @example
 * ```ts
 * import { computeSimm } from "./regulation.ts";
 * import { loadCalibration } from "./load.ts";
 * const r = computeSimm([], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD", version: "2.6" });
 * console.assert(r.version === "2.6" && r.mpor === 10);
 * ```
 */
export interface SimmReport {
  /** Settings echo: version and MPOR. */
  readonly version: string;
  /** MPOR in days. */
  readonly mpor: number;
  /** Calculation currency. */
  readonly calculationCurrency: string;
  /** Call (collect) and Post sides. */
  readonly sides: Readonly<Record<SimmSide, SideResult>>;
}

/**
 * Split records into regulation groups for one side.
 *
 * @example
 * ```ts
 * import { regulationGroups } from "./regulation.ts";
 * console.assert(regulationGroups([], "Call").has("Unspecified"));
 * ```
 */
export function regulationGroups(records: readonly CrifRecord[], side: SimmSide): Map<string, CrifRecord[]> {
  const groups = new Map<string, CrifRecord[]>();
  for (const r of records) {
    const regs = side === "Call" ? r.collectRegulations : r.postRegulations;
    for (const reg of regs) {
      let g = groups.get(reg);
      if (g === undefined) groups.set(reg, g = []);
      g.push(r);
    }
  }
  if (groups.size === 0) groups.set("Unspecified", [...records]);
  return groups;
}

function checkFinite(
  res: SimmGroupResult,
  side: SimmSide,
  regulation: string,
  portfolio: string,
  records: readonly CrifRecord[],
): void {
  if (Number.isFinite(res.total) && res.rows.every((r) => Number.isFinite(r.initialMargin))) return;
  let largest: CrifRecord | undefined;
  for (const r of records) {
    if (largest === undefined || !(Math.abs(r.amountUsd) <= Math.abs(largest.amountUsd))) largest = r;
  }
  const bad = Number.isFinite(res.total)
    ? res.rows.find((r) => !Number.isFinite(r.initialMargin))!.initialMargin
    : res.total;
  throw new RangeError(
    `computeSimm: non-finite SIMM (${bad}) on side ${side}, regulation ${regulation}, portfolio ${
      JSON.stringify(portfolio)
    }; the largest amount is ${
      largest === undefined ? "none" : `${largest.amountUsd} USD at ${largest.file}:${largest.line}`
    }`,
  );
}

/**
 * SIMM for both sides with regulations applied, per portfolio.
 *
 * @throws {RangeError} when any total or breakdown row is not finite, naming the side, regulation,
 *   portfolio and the file:line of the record with the largest |AmountUSD| (never a wrong total)
 * @example
 * ```ts
 * import { computeSimm } from "./regulation.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(computeSimm([], { calibration: cal, mpor: 10, calculationCurrency: "USD" }).sides.Post.total === 0);
 * ```
 */
export function computeSimm(records: readonly CrifRecord[], settings: SimmSettings): SimmReport {
  const byPortfolio = new Map<string, CrifRecord[]>();
  for (const r of records) {
    let g = byPortfolio.get(r.portfolio);
    if (g === undefined) byPortfolio.set(r.portfolio, g = []);
    g.push(r);
  }
  if (byPortfolio.size === 0) byPortfolio.set("", []);
  const sides = {} as Record<SimmSide, SideResult>;
  // the two sides often see the same record set (e.g. no regulations): net it once
  const netCache: { records: readonly CrifRecord[]; net: ReturnType<typeof netSensitivities> }[] = [];
  const nettedFor = (recs: readonly CrifRecord[]) => {
    const hit = netCache.find((c) => c.records.length === recs.length && c.records.every((r, i) => r === recs[i]));
    if (hit !== undefined) return hit.net;
    const net = netSensitivities(recs);
    netCache.push({ records: recs, net });
    return net;
  };
  for (const side of ["Call", "Post"] as const) {
    const portfolios: PortfolioSideResult[] = [];
    let total = 0;
    for (const [portfolio, recs] of byPortfolio) {
      const byRegulation = new Map<string, SimmGroupResult>();
      let best = "", bestTotal = -Infinity;
      const groups = regulationGroups(recs, side);
      for (const reg of [...groups.keys()].sort()) {
        const recsOfReg = groups.get(reg)!;
        const res = computeSimmGroup(recsOfReg, settings, side, nettedFor(recsOfReg));
        checkFinite(res, side, reg, portfolio, recsOfReg);
        byRegulation.set(reg, res);
        if (res.total > bestTotal) {
          best = reg;
          bestTotal = res.total;
        }
      }
      portfolios.push({ portfolio, regulation: best, result: byRegulation.get(best)!, byRegulation });
      total += bestTotal;
    }
    sides[side] = { regulation: portfolios[0].regulation, portfolios, total };
  }
  return {
    version: settings.version ?? settings.calibration.versionNames[0],
    mpor: settings.mpor,
    calculationCurrency: settings.calculationCurrency,
    sides,
  };
}

/**
 * A breakdown row with portfolio, side and regulation, as in ORE's simm.csv.
 *
 * @example
 * ```ts
 * import { computeSimm, reportRows } from "./regulation.ts";
 * import { loadCalibration } from "./load.ts";
 * const rows = reportRows(computeSimm([], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" }));
 * console.assert(rows.some((r) => r.portfolio === "All" && r.side === "Post"));
 * ```
 */
export interface SimmReportRow extends SimmRow {
  /** Portfolio id, or "All" for the across-portfolio total. */
  readonly portfolio: string;
  /** Side. */
  readonly side: SimmSide;
  /** Regulation the numbers are for. */
  readonly regulation: string;
}

/**
 * Flatten a report into simm.csv-style rows: per side, each portfolio's breakdown under its winning
 * regulation, then the across-portfolio total row (Portfolio "All").
 *
 * @example
 * ```ts
 * import { computeSimm, reportRows } from "./regulation.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(reportRows(computeSimm([], { calibration: cal, mpor: 10, calculationCurrency: "USD" })).length === 4);
 * ```
 */
export function reportRows(report: SimmReport): SimmReportRow[] {
  const out: SimmReportRow[] = [];
  for (const side of ["Call", "Post"] as const) {
    const s = report.sides[side];
    for (const p of s.portfolios) {
      for (const row of p.result.rows) {
        out.push({ portfolio: p.portfolio === "" ? "Portfolio" : p.portfolio, side, regulation: p.regulation, ...row });
      }
    }
    out.push({
      portfolio: "All",
      productClass: "All",
      riskClass: "All",
      marginType: "All",
      bucket: "All",
      side,
      regulation: s.regulation,
      initialMargin: s.total,
    });
  }
  return out;
}
