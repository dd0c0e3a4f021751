/**
 * SIMM for one set of CRIF records (one portfolio, one regulation, one side): netting, risk-class
 * margins, product-class aggregation with the risk-class correlation ψ, product-class multipliers and
 * notional / fixed add-ons, and the breakdown by product class / risk class / margin type / bucket.
 *
 * - SIMM_p = sqrt(Σ_r Σ_s ψ_rs IM_{p,r} IM_{p,s}), IM_{p,r} = delta + vega + curvature + base corr;
 *   the per-margin-type row of a product class aggregates that margin type across risk classes with ψ.
 * - Product-class multiplier m_p adds (m_p − 1)·SIMM_p as additional IM; notional add-on =
 *   Σ_product factor% / 100 × notional; fixed add-ons are summed. Total = Σ_p SIMM_p + additional IM.
 * - Netting: records with the same product class, risk type, qualifier, bucket, label1 and label2 are
 *   summed (in the calculation currency). For multipliers and notional factors the first row wins.
 *
 * @example
 * ```ts
 * import { computeSimmGroup } from "./simm.ts";
 * import { parseCrif } from "./crif.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * const crif = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,EUR,,,,1000000,USD");
 * const r = computeSimmGroup(crif.records, { calibration: cal, mpor: 10, calculationCurrency: "USD" });
 * console.assert(Math.abs(r.total - 7.4e6) < 1e-6);
 * ```
 * @module
 */

import type { CrifRecord } from "./crif.ts";
import { paramKey } from "./calibration.ts";
import type { NetSensitivity, RiskClassMargin, SimmSettings } from "./risk_class_margin.ts";
import { riskClassMargin } from "./risk_class_margin.ts";
import { MARGIN_TYPES, PRODUCT_CLASSES, RISK_CLASSES, RISK_TYPE_INFO } from "./types.ts";
import type { MarginType, ProductClass, RiskClass, SensitivityRiskType, SimmSide } from "./types.ts";

/**
 * One line of the breakdown ("All" = aggregated over that dimension).
 *
 * @example
 * ```ts
 * import type { SimmRow } from "./simm.ts";
 * const row: SimmRow = { productClass: "All", riskClass: "All", marginType: "All", bucket: "All", initialMargin: 0 };
 * console.assert(row.bucket === "All");
 * ```
 */
export interface SimmRow {
  /** Product class or "All". */
  readonly productClass: ProductClass | "All";
  /** Risk class or "All". */
  readonly riskClass: RiskClass | "All";
  /** Margin type or "All". */
  readonly marginType: MarginType | "All";
  /** Bucket (IR: currency) or "All". */
  readonly bucket: string;
  /** Initial margin in the calculation currency. */
  readonly initialMargin: number;
}

/**
 * Result for one record set.
 *
 * @example
 * ```ts
 * import { computeSimmGroup } from "./simm.ts";
 * import { loadCalibration } from "./load.ts";
 * const r = computeSimmGroup([], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" });
 * console.assert(r.byMarginType.Delta === 0);
 * ```
 */
export interface SimmGroupResult {
  /** Breakdown rows in ORE's order (zero-valued margin-type aggregates omitted, like ORE). */
  readonly rows: readonly SimmRow[];
  /** Σ_p SIMM_p (before multipliers and add-ons). */
  readonly simm: number;
  /** Additional IM: multiplier surcharges plus notional and fixed add-ons. */
  readonly additionalIm: number;
  /** simm + additionalIm. */
  readonly total: number;
  /** Portfolio-level totals by margin type (product class All, risk class All). */
  readonly byMarginType: Readonly<Record<MarginType, number>>;
}

/**
 * Sum records that describe the same risk factor. Parameter rows are returned separately.
 *
 * @example
 * ```ts
 * import { netSensitivities } from "./simm.ts";
 * import { parseCrif } from "./crif.ts";
 * const c = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,EUR,,,,1,USD\nRatesFX,Risk_FX,EUR,,,,2,USD");
 * console.assert(netSensitivities(c.records).get("RatesFX")!.get("FX")![0].amount === 3);
 * ```
 */
export function netSensitivities(
  records: readonly CrifRecord[],
): Map<ProductClass, Map<RiskClass, NetSensitivity[]>> {
  const index = new Map<string, { pc: ProductClass; rc: RiskClass; s: NetSensitivity & { amount: number } }>();
  for (const r of records) {
    if (r.productClass === "" || !(r.riskType in RISK_TYPE_INFO)) continue;
    const rt = r.riskType as SensitivityRiskType;
    const key = `${r.productClass}\u0000${rt}\u0000${r.qualifier}\u0000${r.bucket}\u0000${r.label1}\u0000${r.label2}`;
    const hit = index.get(key);
    if (hit !== undefined) hit.s.amount += r.amountUsd;
    else {
      index.set(key, {
        pc: r.productClass,
        rc: RISK_TYPE_INFO[rt].riskClass,
        s: {
          riskType: rt,
          qualifier: r.qualifier,
          bucket: r.bucket,
          label1: r.label1,
          label2: r.label2,
          amount: r.amountUsd,
          source: `${r.file}:${r.line}`,
        },
      });
    }
  }
  const out = new Map<ProductClass, Map<RiskClass, NetSensitivity[]>>();
  for (const { pc, rc, s } of index.values()) {
    let m = out.get(pc);
    if (m === undefined) out.set(pc, m = new Map());
    let list = m.get(rc);
    if (list === undefined) m.set(rc, list = []);
    list.push(s);
  }
  return out;
}

/**
 * Parameter rows of a record set.
 *
 * @example
 * ```ts
 * import { simmParameters } from "./simm.ts";
 * console.assert(simmParameters([]).multipliers.size === 0);
 * ```
 */
export interface SimmParameters {
  /** Product-class multipliers (first row per class wins). */
  readonly multipliers: ReadonlyMap<ProductClass, number>;
  /** Notional add-on factors in percent, by product name (first row wins). */
  readonly notionalFactors: ReadonlyMap<string, number>;
  /** Notionals by product name (summed). */
  readonly notionals: ReadonlyMap<string, number>;
  /** Sum of fixed add-on amounts. */
  readonly fixedAddOn: number;
}

/**
 * Collect multiplier and add-on rows.
 *
 * @example
 * ```ts
 * import { simmParameters } from "./simm.ts";
 * console.assert(simmParameters([]).fixedAddOn === 0);
 * ```
 */
export function simmParameters(records: readonly CrifRecord[]): SimmParameters {
  const multipliers = new Map<ProductClass, number>();
  const notionalFactors = new Map<string, number>();
  const notionals = new Map<string, number>();
  let fixedAddOn = 0;
  for (const r of records) {
    switch (r.riskType) {
      case "Param_ProductClassMultiplier":
        if (!multipliers.has(r.qualifier as ProductClass)) multipliers.set(r.qualifier as ProductClass, r.amount);
        break;
      case "Param_AddOnNotionalFactor":
        if (!notionalFactors.has(r.qualifier)) notionalFactors.set(r.qualifier, r.amount);
        break;
      case "Notional":
        notionals.set(r.qualifier, (notionals.get(r.qualifier) ?? 0) + r.amountUsd);
        break;
      case "Param_AddOnFixedAmount":
        fixedAddOn += r.amountUsd;
        break;
    }
  }
  return { multipliers, notionalFactors, notionals, fixedAddOn };
}

function psiAggregate(values: Map<RiskClass, number>, psi: (a: RiskClass, b: RiskClass) => number): number {
  const rcs = [...values.keys()];
  let t = 0;
  for (let i = 0; i < rcs.length; i++) {
    const a = values.get(rcs[i])!;
    t += a * a;
    for (let j = i + 1; j < rcs.length; j++) t += 2 * psi(rcs[i], rcs[j]) * a * values.get(rcs[j])!;
  }
  return Math.sqrt(Math.max(t, 0));
}

const MT_KEYS: Readonly<Record<Exclude<MarginType, "AdditionalIM">, keyof RiskClassMargin>> = {
  Delta: "delta",
  Vega: "vega",
  Curvature: "curvature",
  BaseCorr: "baseCorr",
};

/**
 * SIMM of one record set (one portfolio, regulation and side).
 *
 * @param records CRIF records (sensitivities and parameter rows)
 * @param settings calibration, MPOR, calculation currency
 * @param side "Call" or "Post" (post negates sensitivities: only curvature can differ)
 * @param netted `netSensitivities(records)` when the caller already has it (saves the netting pass)
 * @example
 * ```ts
 * import { computeSimmGroup } from "./simm.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(computeSimmGroup([], { calibration: cal, mpor: 10, calculationCurrency: "USD" }).total === 0);
 * ```
 */
export function computeSimmGroup(
  records: readonly CrifRecord[],
  settings: SimmSettings,
  side: SimmSide = "Call",
  netted?: Map<ProductClass, Map<RiskClass, NetSensitivity[]>>,
): SimmGroupResult {
  const cal = settings.calibration;
  const psi = (a: RiskClass, b: RiskClass) => {
    const v = cal.riskClassCorrelations.get(paramKey(a, b));
    if (v === undefined) throw new RangeError(`SIMM ${cal.versionNames[0]} calibration has no ψ(${a}, ${b})`);
    return v;
  };
  const net = netted ?? netSensitivities(records);
  const params = simmParameters(records);
  const rows: SimmRow[] = [];
  const push = (
    productClass: SimmRow["productClass"],
    riskClass: SimmRow["riskClass"],
    marginType: SimmRow["marginType"],
    bucket: string,
    initialMargin: number,
  ) => rows.push({ productClass, riskClass, marginType, bucket, initialMargin });
  let simm = 0, additionalIm = 0;
  const allByRcMt = new Map<string, number>();
  const allByRc = new Map<RiskClass, number>();
  const allByMt = new Map<MarginType, number>();
  const add = <K>(m: Map<K, number>, k: K, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const pc of PRODUCT_CLASSES) {
    const byRc = net.get(pc);
    if (byRc === undefined) continue;
    const im = new Map<RiskClass, number>();
    const perMt = new Map<MarginType, Map<RiskClass, number>>();
    for (const rc of RISK_CLASSES) {
      let sens = byRc.get(rc);
      if (sens === undefined) continue;
      if (rc === "FX") {
        // FX delta to the calculation currency is no risk: such rows do not make FX a risk class of the portfolio.
        sens = sens.filter((s) => !(s.riskType === "Risk_FX" && s.qualifier === settings.calculationCurrency));
        if (sens.length === 0) continue;
      }
      const m = riskClassMargin(rc, sens, settings, side);
      let total = 0;
      for (const mt of ["Delta", "Vega", "Curvature", "BaseCorr"] as const) {
        const v = m[MT_KEYS[mt]] as number;
        total += v;
        const presentKey = MT_KEYS[mt] as keyof RiskClassMargin["present"];
        if (!m.present[presentKey]) continue;
        let pm = perMt.get(mt);
        if (pm === undefined) perMt.set(mt, pm = new Map());
        pm.set(rc, v);
        if (v !== 0) push(pc, rc, mt, "All", v);
        if (mt !== "BaseCorr") {
          for (const [b, k] of m.buckets[mt]) push(pc, rc, mt, b, k);
        }
        add(allByRcMt, `${rc}|${mt}`, v);
      }
      im.set(rc, total);
      push(pc, rc, "All", "All", total);
      add(allByRc, rc, total);
    }
    const simmP = psiAggregate(im, psi);
    for (const mt of ["Delta", "Vega", "Curvature", "BaseCorr"] as const) {
      const pm = perMt.get(mt);
      if (pm === undefined) continue;
      const v = psiAggregate(pm, psi);
      if (v !== 0) push(pc, "All", mt, "All", v);
      add(allByMt, mt, v);
    }
    const mult = params.multipliers.get(pc);
    const addP = mult === undefined ? 0 : (mult - 1) * simmP;
    if (addP !== 0) push(pc, "All", "AdditionalIM", "All", addP);
    push(pc, "All", "All", "All", simmP + addP);
    simm += simmP;
    additionalIm += addP;
  }
  for (const [product, factor] of params.notionalFactors) {
    const notional = params.notionals.get(product);
    if (notional !== undefined) additionalIm += (factor / 100) * notional;
  }
  additionalIm += params.fixedAddOn;
  for (const rc of RISK_CLASSES) {
    if (!allByRc.has(rc)) continue;
    for (const mt of ["Delta", "Vega", "Curvature", "BaseCorr"] as const) {
      const v = allByRcMt.get(`${rc}|${mt}`);
      if (v !== undefined && v !== 0) push("All", rc, mt, "All", v);
    }
    push("All", rc, "All", "All", allByRc.get(rc)!);
  }
  for (const mt of ["Delta", "Vega", "Curvature", "BaseCorr"] as const) {
    const v = allByMt.get(mt);
    if (v !== undefined && v !== 0) push("All", "All", mt, "All", v);
  }
  if (additionalIm !== 0) push("All", "All", "AdditionalIM", "All", additionalIm);
  const total = simm + additionalIm;
  push("All", "All", "All", "All", total);
  const byMarginType = {} as Record<MarginType, number>;
  for (const mt of MARGIN_TYPES) byMarginType[mt] = mt === "AdditionalIM" ? additionalIm : allByMt.get(mt) ?? 0;
  return { rows, simm, additionalIm, total, byMarginType };
}
