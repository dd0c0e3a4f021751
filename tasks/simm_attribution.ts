/**
 * The `--attribution` table of `deno task simm`: the call-side SIMM allocated per trade or per risk class
 * by one of `lib/attribution`'s methods (`simmAttribution`). It lives here, not in `lib/simm/cli.ts`,
 * because attribution sits on a higher layer than SIMM; `tasks/simm.ts` injects it into the CLI.
 *
 * @example
 * ```ts
 * import { simmAttributionTable } from "./simm_attribution.ts";
 * import { loadCalibration, loadCrif } from "../lib/simm/mod.ts";
 * const crif = await loadCrif("data/raw/simm/ore-example-2.6/crif.csv");
 * const settings = { calibration: await loadCalibration("2.6"), mpor: 10 as const, calculationCurrency: "USD" };
 * const text = simmAttributionTable({ records: crif.records, settings, method: "euler", by: "trade", unitsPerUsd: 1 });
 * console.assert(text.includes("IR_Bermudan"));
 * ```
 * @module
 */

import { simmAttribution, type SimmAttributionMethod } from "../lib/attribution/mod.ts";
import { createPrng } from "../lib/core/mod.ts";
import type { CrifRecord, SimmAttributionHook } from "../lib/simm/mod.ts";
import { isSensitivityRiskType, RISK_TYPE_INFO } from "../lib/simm/mod.ts";

/** Seed of the sampled Shapley values (above 12 units); fixed so the table is reproducible. */
const SHAPLEY_SEED = 20240101;

/**
 * A CRIF record's risk class ("AdditionalIM" for add-on and multiplier rows).
 *
 * @example
 * ```ts
 * import { riskClassUnit } from "./simm_attribution.ts";
 * console.assert(riskClassUnit({ riskType: "Risk_FX" } as Parameters<typeof riskClassUnit>[0]) === "FX");
 * ```
 */
export function riskClassUnit(r: CrifRecord): string {
  return isSensitivityRiskType(r.riskType) ? RISK_TYPE_INFO[r.riskType].riskClass : "AdditionalIM";
}

const FIELD: Record<SimmAttributionMethod, "standalone" | "euler" | "proRata" | "incremental"> = {
  standalone: "standalone",
  euler: "euler",
  "pro-rata": "proRata",
  incremental: "incremental",
  shapley: "standalone",
};

/**
 * The allocation table: one line per unit (first-seen order) with its amount and share of the total,
 * then the total (and, for Euler, the gap Σ components − total that concentration creates; for sampled
 * Shapley, the standard errors). Amounts in the calculation currency (USD × `unitsPerUsd`).
 *
 * @throws {RangeError} from `simmAttribution` (no attributable unit, non-finite SIMM)
 * @example
 * ```ts
 * import { simmAttributionTable } from "./simm_attribution.ts";
 * import { loadCalibration, parseCrif } from "../lib/simm/mod.ts";
 * const crif = parseCrif("TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nA,RatesFX,Risk_FX,EUR,,,,100,USD\nB,RatesFX,Risk_FX,EUR,,,,-50,USD");
 * const settings = { calibration: await loadCalibration("2.6"), mpor: 10 as const, calculationCurrency: "USD" };
 * console.assert(simmAttributionTable({ records: crif.records, settings, method: "shapley", by: "trade", unitsPerUsd: 1 }).includes("B"));
 * ```
 */
export const simmAttributionTable: SimmAttributionHook = ({ records, settings, method, by, unitsPerUsd }) => {
  const a = simmAttribution(records, settings, {
    unitOf: by === "trade" ? (r) => r.tradeId : riskClassUnit,
    methods: [method],
    prng: createPrng(SHAPLEY_SEED),
  });
  const values = method === "shapley" ? a.shapley!.values : a[FIELD[method]]!;
  const stdErr = method === "shapley" && !a.shapley!.exact ? a.shapley!.stdErr : undefined;
  const fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const ccy = settings.calculationCurrency;
  const unitHead = by === "trade" ? "TradeID" : "RiskClass";
  const total = a.total * unitsPerUsd;
  const rows = a.units.map((u, i) => {
    const v = values[i] * unitsPerUsd;
    const cells = [u === "" ? "(none)" : u, fmt.format(v), total === 0 ? "-" : `${(100 * v / total).toFixed(2)}%`];
    if (stdErr !== undefined) cells.push(fmt.format(stdErr[i] * unitsPerUsd));
    return cells;
  });
  const head = [unitHead, `${method} (${ccy})`, "share"];
  if (stdErr !== undefined) head.push("std err");
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (c: string[]) => c.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join("  ");
  const out = [
    `SIMM attribution (call side, winning regulation): ${method} by ${by === "trade" ? "trade" : "risk class"}`,
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    `total SIMM ${fmt.format(total)} ${ccy}`,
  ];
  if (method === "euler") out.push(`Euler sum - total: ${fmt.format(a.eulerGap * unitsPerUsd)} ${ccy}`);
  if (method === "shapley" && stdErr !== undefined) {
    out.push(`sampled Shapley (${a.units.length} units > 12): seed ${SHAPLEY_SEED}`);
  }
  return out.join("\n");
};
