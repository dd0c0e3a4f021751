/**
 * SIMM margin of one risk class within one product class: delta, vega, curvature and base-correlation
 * margins, with concentration risk factors, intra-bucket and inter-bucket aggregation and residual
 * buckets, following the ISDA SIMM methodology (2.x). All parameters come from a
 * {@link SimmCalibration}; nothing version-specific is compiled in.
 *
 * Formulas (WS = weighted sensitivity, CR = concentration risk factor, T = threshold):
 * - delta: WS_k = RW_k s_k CR_k, CR = max(1, sqrt(|Σ s| / T)) per currency (IR, summed over curve and
 *   inflation rows) or per qualifier (other classes); K_b = sqrt(Σ WS² + ΣΣ ρ_kl f_kl WS_k WS_l) with
 *   f = min(CR)/max(CR); S_b = clamp(Σ WS, ±K_b); margin = sqrt(Σ K_b² + ΣΣ γ_bc g_bc S_b S_c) + K_residual,
 *   g_bc = min(CR_b, CR_c)/max(CR_b, CR_c) for interest rates, 1 otherwise.
 * - vega: VR_k = [HVR] VRW s_k VCR_k with the same aggregation (equity, commodity and FX vega are summed
 *   over option expiries per qualifier; HVR applies to equity, commodity and FX).
 * - curvature: CVR_k = Σ_j SF(t_j) s_kj with SF(t) = 0.5 min(1, MPOR'/t) (MPOR' = 14 days for the 10-day
 *   calibration, 1 day for the 1-day one); correlations squared; θ = min(Σ CVR / Σ |CVR|, 0),
 *   λ = (Φ⁻¹(0.995)² − 1)(1 + θ) − θ; margin = max(Σ CVR + λ sqrt(...), 0), residual bucket separately;
 *   the interest-rate curvature margin is scaled by HVR_IR⁻².
 * - base correlation: WS_k = RW s_k, margin = sqrt(Σ WS² + ΣΣ ρ WS_k WS_l).
 *
 * @example
 * ```ts
 * import { riskClassMargin } from "./risk_class_margin.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * const m = riskClassMargin("InterestRate", [
 *   { riskType: "Risk_IRCurve", qualifier: "USD", bucket: "1", label1: "5y", label2: "OIS", amount: 1e6, source: "x:2" },
 * ], { calibration: cal, mpor: 10, calculationCurrency: "USD" });
 * console.assert(Math.abs(m.delta - 60e6) < 1e-6);
 * ```
 * @module
 */

import type { ParamTable, SimmCalibration } from "./calibration.ts";
import { paramKey } from "./calibration.ts";
import { IR_TENORS, irTenorIndex, tenorDays } from "./tenor.ts";
import type { Mpor, RiskClass, SensitivityRiskType } from "./types.ts";
import { RISK_TYPE_INFO } from "./types.ts";

/**
 * A net sensitivity (after netting identical risk factors), in the calculation currency.
 *
 * @example
 * ```ts
 * import type { NetSensitivity } from "./risk_class_margin.ts";
 * const s: NetSensitivity = { riskType: "Risk_FX", qualifier: "EUR", bucket: "", label1: "", label2: "", amount: 1, source: "book.csv:2" };
 * console.assert(s.amount === 1);
 * ```
 */
export interface NetSensitivity {
  /** CRIF risk type. */
  readonly riskType: SensitivityRiskType;
  /** Qualifier. */
  readonly qualifier: string;
  /** Bucket ("" when none). */
  readonly bucket: string;
  /** Label1. */
  readonly label1: string;
  /** Label2. */
  readonly label2: string;
  /** Amount in the calculation currency. */
  readonly amount: number;
  /** Where it came from ("file:line"), for error messages. */
  readonly source: string;
}

/**
 * Settings of a SIMM calculation.
 *
 * @example
 * ```ts
 * import type { SimmSettings } from "./risk_class_margin.ts";
 * import { loadCalibration } from "./load.ts";
 * const settings: SimmSettings = { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" };
 * console.assert(settings.mpor === 10);
 * ```
 */
export interface SimmSettings {
  /** The parameter set (choose it with `selectCalibration`). */
  readonly calibration: SimmCalibration;
  /** Margin period of risk in days: 10 or 1. */
  readonly mpor: Mpor;
  /** Calculation currency (FX delta to it is no risk); amounts must be in it. Default "USD". */
  readonly calculationCurrency: string;
  /** Version label for reports and messages (default: the calibration's first version name). */
  readonly version?: string;
}

/**
 * Margins of one risk class, by margin type, with the per-bucket K_b values.
 *
 * @example
 * ```ts
 * import { riskClassMargin } from "./risk_class_margin.ts";
 * import { loadCalibration } from "./load.ts";
 * const m = riskClassMargin("FX", [], { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" });
 * console.assert(m.delta === 0 && !m.present.delta);
 * ```
 */
export interface RiskClassMargin {
  /** Delta margin. */
  readonly delta: number;
  /** Vega margin. */
  readonly vega: number;
  /** Curvature margin. */
  readonly curvature: number;
  /** Base-correlation margin (credit qualifying only). */
  readonly baseCorr: number;
  /** Bucket-level K_b for delta, vega and curvature (IR buckets are currencies). */
  readonly buckets: {
    readonly Delta: ReadonlyMap<string, number>;
    readonly Vega: ReadonlyMap<string, number>;
    readonly Curvature: ReadonlyMap<string, number>;
  };
  /** Which margin types had any sensitivity. */
  readonly present: {
    readonly delta: boolean;
    readonly vega: boolean;
    readonly curvature: boolean;
    readonly baseCorr: boolean;
  };
}

/** Φ⁻¹(0.995). */
const Z995 = 2.5758293035489004;
const LAMBDA0 = Z995 * Z995 - 1;
/** Φ⁻¹(0.99). */
const Z99 = 2.3263478740408408;

/** Implied-volatility proxy σ = RW √(365 / h) / Φ⁻¹(0.99) used for equity, commodity and FX vega. */
function sigmaOf(deltaRiskWeight: number, mpor: Mpor): number {
  return deltaRiskWeight * Math.sqrt(365 / (mpor === 10 ? 14 : 1.4)) / Z99;
}

interface Factor {
  key: string;
  bucket: string;
  qualifier: string;
  label1: string;
  label2: string;
  riskType: SensitivityRiskType;
  amount: number;
  source: string;
  /** curvature exposure accumulated for vega factors */
  cvr: number;
}

interface Bucket {
  name: string;
  factors: Factor[];
  index: Map<string, number>;
}

function groupByBucket(
  sens: readonly NetSensitivity[],
  bucketOf: (s: NetSensitivity) => string,
  factorKey: (s: NetSensitivity) => string,
  sf: ((s: NetSensitivity) => number) | null,
): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  for (const s of sens) {
    const b = bucketOf(s);
    let g = out.get(b);
    if (g === undefined) {
      g = { name: b, factors: [], index: new Map() };
      out.set(b, g);
    }
    const key = factorKey(s);
    const at = g.index.get(key);
    const cvr = sf === null ? 0 : sf(s) * s.amount;
    if (at === undefined) {
      g.index.set(key, g.factors.length);
      g.factors.push({
        key,
        bucket: s.bucket,
        qualifier: s.qualifier,
        label1: s.label1,
        label2: s.label2,
        riskType: s.riskType,
        amount: s.amount,
        source: s.source,
        cvr,
      });
    } else {
      g.factors[at].amount += s.amount;
      g.factors[at].cvr += cvr;
    }
  }
  return out;
}

function need(table: ParamTable, key: string, what: string, source: string, version: string): number {
  const v = table.get(key);
  if (v === undefined) {
    throw new RangeError(`${source}: SIMM ${version} calibration has no ${what} for "${key.replace(/\|+$/, "")}"`);
  }
  return v;
}

function needScalar(v: number | undefined, what: string, version: string): number {
  if (v === undefined) throw new RangeError(`SIMM ${version} calibration has no ${what}`);
  return v;
}

/** K_b and Σ WS of one bucket given weighted values and a correlation callback. */
function bucketK(ws: Float64Array, corr: (k: number, l: number) => number): { k: number; sum: number } {
  const n = ws.length;
  let s2 = 0, sum = 0;
  for (let k = 0; k < n; k++) {
    const wk = ws[k];
    sum += wk;
    s2 += wk * wk;
    if (wk === 0) continue;
    let cross = 0;
    for (let l = k + 1; l < n; l++) cross += corr(k, l) * ws[l];
    s2 += 2 * wk * cross;
  }
  return { k: Math.sqrt(Math.max(s2, 0)), sum };
}

/**
 * K_b for a bucket whose correlation is rSame / rDiff by group id, times f = min(CR)/max(CR)
 * (or squared and without f for curvature), through {@link bucketK}.
 */
function bucketKSameDiff(
  ws: Float64Array,
  gid: Int32Array,
  cr: Float64Array,
  rSame: number,
  rDiff: number,
  square: boolean,
): { k: number; sum: number } {
  const s2same = square ? rSame * rSame : rSame, s2diff = square ? rDiff * rDiff : rDiff;
  return bucketK(ws, (k, l) => {
    const rho = gid[l] === gid[k] ? s2same : s2diff;
    return square ? rho : rho * Math.min(cr[k], cr[l]) / Math.max(cr[k], cr[l]);
  });
}

/** sqrt(Σ K_b² + ΣΣ_{b≠c} γ_bc S_b S_c) over the given buckets. */
function interBucket(k: Float64Array, s: Float64Array, gamma: (b: number, c: number) => number): number {
  let t = 0;
  const n = k.length;
  for (let b = 0; b < n; b++) {
    t += k[b] * k[b];
    for (let c = b + 1; c < n; c++) t += 2 * gamma(b, c) * s[b] * s[c];
  }
  return Math.sqrt(Math.max(t, 0));
}

function clamp(x: number, k: number): number {
  return Math.max(Math.min(x, k), -k);
}

function lambdaOf(cvrs: number[]): { lambda: number; sum: number } {
  let sum = 0, abs = 0;
  for (const c of cvrs) {
    sum += c;
    abs += Math.abs(c);
  }
  const theta = abs === 0 ? 0 : Math.min(sum / abs, 0);
  return { lambda: LAMBDA0 * (1 + theta) - theta, sum };
}

function curvatureScale(mpor: Mpor, label1: string, source: string): number {
  const days = tenorDays(label1);
  if (!(days > 0)) throw new RangeError(`${source}: column Label1 value "${label1}": not a tenor`);
  const base = mpor === 10 ? 14 : 1.4;
  return 0.5 * Math.min(1, base / days);
}

function tenorCorrelation(intra: ParamTable, version: string): Float64Array {
  const n = IR_TENORS.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      m[i * n + j] = i === j
        ? 1
        : need(intra, paramKey("", IR_TENORS[i], IR_TENORS[j]), "IR tenor correlation", "", version);
    }
  }
  return m;
}

function currencyGroup(groups: ReadonlyMap<string, string>, ccy: string): string {
  return groups.get(ccy) ?? groups.get("Other") ?? "";
}

/**
 * Delta, vega, curvature and base-correlation margin of one risk class.
 *
 * @param riskClass the risk class all `sens` belong to
 * @param sens net sensitivities (same product class)
 * @param settings calibration, MPOR and calculation currency
 * @param side "Call" (as given) or "Post" (sensitivities negated, which matters for curvature only)
 * @throws {RangeError} when the calibration lacks a parameter a sensitivity needs (names its source line)
 * @example
 * ```ts
 * import { riskClassMargin } from "./risk_class_margin.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * const m = riskClassMargin("FX", [
 *   { riskType: "Risk_FX", qualifier: "EUR", bucket: "", label1: "", label2: "", amount: 1e6, source: "x:2" },
 * ], { calibration: cal, mpor: 10, calculationCurrency: "USD" });
 * console.assert(Math.abs(m.delta - 7.4e6) < 1e-6);
 * ```
 */
export function riskClassMargin(
  riskClass: RiskClass,
  sens: readonly NetSensitivity[],
  settings: SimmSettings,
  side: "Call" | "Post" = "Call",
): RiskClassMargin {
  const cal = settings.calibration;
  const version = settings.version ?? cal.versionNames[0];
  const rc = cal.riskClasses[riskClass];
  const w = rc.riskWeights[settings.mpor];
  const deltaS: NetSensitivity[] = [], vegaS: NetSensitivity[] = [], bcS: NetSensitivity[] = [];
  for (const s of sens) {
    const kind = RISK_TYPE_INFO[s.riskType].kind;
    if (kind === "basecorr") bcS.push(s);
    else if (kind === "vega") vegaS.push(s);
    else deltaS.push(s);
  }
  const bucketsOut = {
    Delta: new Map<string, number>(),
    Vega: new Map<string, number>(),
    Curvature: new Map<string, number>(),
  };
  let delta = 0, vega = 0, curvature = 0, baseCorr = 0;
  const sign = side === "Post" ? -1 : 1;
  // The 1-day calibration applies no concentration add-on (as ISDA's 1-day unit tests expect).
  const concentration = (net: number, threshold: number) =>
    settings.mpor === 1 ? 1 : Math.max(1, Math.sqrt(Math.abs(net) / threshold));

  if (riskClass === "InterestRate") {
    const tc = tenorCorrelation(rc.intraBucket, version);
    const nT = IR_TENORS.length;
    const subCurve = needScalar(rc.correlationScalars.get("SubCurves"), "IR sub-curve correlation", version);
    const infCorr = needScalar(rc.correlationScalars.get("Inflation"), "IR inflation correlation", version);
    const xccyCorr = needScalar(rc.correlationScalars.get("XCcyBasis"), "IR cross-currency basis correlation", version);
    const outer = needScalar(rc.correlationScalars.get("Outer"), "IR inter-currency correlation", version);
    const thresholdOf = (ccy: string, table: ParamTable, what: string, source: string) =>
      need(table, paramKey(currencyGroup(rc.thresholdCurrencyGroups, ccy)), what, source, version) * 1e6;
    // ---- delta
    if (deltaS.length > 0) {
      const groups = groupByBucket(
        deltaS,
        (s) => s.qualifier,
        (s) =>
          s.riskType === "Risk_IRCurve" ? `C|${s.label1}|${s.label2}` : s.riskType === "Risk_Inflation" ? "I" : "X",
        null,
      );
      const names = [...groups.keys()];
      const K = new Float64Array(names.length), S = new Float64Array(names.length), CR = new Float64Array(names.length);
      names.forEach((ccy, b) => {
        const g = groups.get(ccy)!;
        const f = g.factors;
        const n = f.length;
        let net = 0;
        for (const x of f) if (x.riskType !== "Risk_XCcyBasis") net += x.amount;
        const cr = concentration(net, thresholdOf(ccy, rc.deltaThresholds, "IR delta threshold", f[0].source));
        CR[b] = cr;
        const ws = new Float64Array(n);
        const tIdx = new Int32Array(n);
        for (let k = 0; k < n; k++) {
          const x = f[k];
          let rw: number;
          if (x.riskType === "Risk_IRCurve") {
            const vol = x.bucket !== "" ? x.bucket : currencyGroup(rc.riskWeightCurrencyGroups, ccy);
            rw = need(w.delta, paramKey(vol, x.label1), "IR delta risk weight", x.source, version);
            tIdx[k] = irTenorIndex(x.label1);
            ws[k] = rw * x.amount * cr;
          } else if (x.riskType === "Risk_Inflation") {
            ws[k] = needScalar(w.inflation, "inflation risk weight", version) * x.amount * cr;
            tIdx[k] = -1;
          } else {
            ws[k] = needScalar(w.xccyBasis, "cross-currency basis risk weight", version) * x.amount;
            tIdx[k] = -2;
          }
        }
        const r = bucketK(ws, (k, l) => {
          const a = tIdx[k], c = tIdx[l];
          if (a === -2 || c === -2) return xccyCorr;
          if (a === -1 || c === -1) return a === c ? 1 : infCorr;
          const rho = tc[a * nT + c];
          return f[k].label2 === f[l].label2 ? rho : rho * subCurve;
        });
        K[b] = r.k;
        S[b] = clamp(r.sum, r.k);
        bucketsOut.Delta.set(ccy, r.k);
      });
      delta = interBucket(K, S, (b, c) => outer * Math.min(CR[b], CR[c]) / Math.max(CR[b], CR[c]));
    }
    // ---- vega and curvature
    if (vegaS.length > 0) {
      const vrw = need(w.vega, paramKey(), "IR vega risk weight", vegaS[0].source, version);
      const hvr = needScalar(w.hvr, "IR historical volatility ratio", version);
      const groups = groupByBucket(
        vegaS,
        (s) => s.qualifier,
        (s) => s.riskType === "Risk_IRVol" ? `V|${s.label1}` : "I",
        (s) => curvatureScale(settings.mpor, s.label1, s.source),
      );
      const names = [...groups.keys()];
      const n = names.length;
      const K = new Float64Array(n), S = new Float64Array(n), VCR = new Float64Array(n);
      const KC = new Float64Array(n), SC = new Float64Array(n);
      const allCvr: number[] = [];
      names.forEach((ccy, b) => {
        const f = groups.get(ccy)!.factors;
        let net = 0;
        for (const x of f) net += x.amount;
        const vcr = concentration(net, thresholdOf(ccy, rc.vegaThresholds, "IR vega threshold", f[0].source));
        VCR[b] = vcr;
        const m = f.length;
        const vr = new Float64Array(m), cv = new Float64Array(m), tIdx = new Int32Array(m);
        for (let k = 0; k < m; k++) {
          const x = f[k];
          vr[k] = vrw * x.amount * vcr;
          cv[k] = sign * x.cvr;
          allCvr.push(cv[k]);
          if (x.riskType === "Risk_IRVol") {
            tIdx[k] = irTenorIndex(x.label1);
            if (tIdx[k] < 0) {
              throw new RangeError(
                `${x.source}: column Label1 value "${x.label1}": not a SIMM IR vol tenor (${IR_TENORS.join(", ")})`,
              );
            }
          } else tIdx[k] = -1;
        }
        const rho = (k: number, l: number) => {
          const a = tIdx[k], c = tIdx[l];
          if (a === -1 || c === -1) return a === c ? 1 : infCorr;
          return tc[a * nT + c];
        };
        const r = bucketK(vr, rho);
        K[b] = r.k;
        S[b] = clamp(r.sum, r.k);
        bucketsOut.Vega.set(ccy, r.k);
        const rc2 = bucketK(cv, (k, l) => rho(k, l) ** 2);
        KC[b] = rc2.k;
        SC[b] = clamp(rc2.sum, rc2.k);
        bucketsOut.Curvature.set(ccy, rc2.k);
      });
      vega = interBucket(K, S, (b, c) => outer * Math.min(VCR[b], VCR[c]) / Math.max(VCR[b], VCR[c]));
      const { lambda, sum } = lambdaOf(allCvr);
      curvature = Math.max(sum + lambda * interBucket(KC, SC, () => outer * outer), 0) / (hvr * hvr);
    }
  } else if (riskClass === "FX") {
    const calcGroup = currencyGroup(rc.riskWeightCurrencyGroups, settings.calculationCurrency);
    const tGroup = (ccy: string) => currencyGroup(rc.thresholdCurrencyGroups, ccy);
    if (deltaS.length > 0) {
      const g = groupByBucket(
        deltaS.filter((s) => s.qualifier !== settings.calculationCurrency),
        () => "",
        (s) => s.qualifier,
        null,
      )
        .get("");
      if (g !== undefined) {
        const f = g.factors, n = f.length;
        const ws = new Float64Array(n), cr = new Float64Array(n), grp: string[] = [];
        for (let k = 0; k < n; k++) {
          const x = f[k];
          grp.push(currencyGroup(rc.riskWeightCurrencyGroups, x.qualifier));
          const rw = need(w.delta, paramKey("", grp[k], calcGroup), "FX delta risk weight", x.source, version);
          const t = need(rc.deltaThresholds, paramKey(tGroup(x.qualifier)), "FX delta threshold", x.source, version) *
            1e6;
          cr[k] = concentration(x.amount, t);
          ws[k] = rw * x.amount * cr[k];
        }
        const r = bucketK(
          ws,
          (k, l) =>
            need(rc.intraBucket, paramKey(calcGroup, grp[k], grp[l]), "FX correlation", f[k].source, version) *
            Math.min(cr[k], cr[l]) / Math.max(cr[k], cr[l]),
        );
        delta = r.k;
      }
    }
    if (vegaS.length > 0) {
      const pair = (q: string) => {
        const a = q.slice(0, 3), b = q.slice(3, 6);
        return a < b ? a + b : b + a;
      };
      const g = groupByBucket(
        vegaS,
        () => "",
        (s) => pair(s.qualifier),
        (s) => curvatureScale(settings.mpor, s.label1, s.source),
      )
        .get("")!;
      const f = g.factors, n = f.length;
      const vrw = need(w.vega, paramKey(), "FX vega risk weight", f[0].source, version);
      const hvr = needScalar(w.hvr, "FX historical volatility ratio", version);
      const rho = needScalar(rc.correlationScalars.get("Volatility"), "FX volatility correlation", version);
      const vr = new Float64Array(n), cv = new Float64Array(n), vcr = new Float64Array(n);
      const catIndex = (a: string, b: string) => {
        const x = Number(tGroup(a)), y = Number(tGroup(b));
        const lo = Math.min(x, y), hi = Math.max(x, y);
        // (1,1)→1 (1,2)→2 (1,3)→3 (2,2)→4 (2,3)→5 (3,3)→6
        return String(lo === 1 ? hi : lo === 2 ? hi + 2 : 6);
      };
      for (let k = 0; k < n; k++) {
        const x = f[k];
        const t = need(
          rc.vegaThresholds,
          paramKey(catIndex(x.key.slice(0, 3), x.key.slice(3))),
          "FX vega threshold",
          x.source,
          version,
        ) * 1e6;
        const ga = currencyGroup(rc.riskWeightCurrencyGroups, x.key.slice(0, 3));
        const gb = currencyGroup(rc.riskWeightCurrencyGroups, x.key.slice(3));
        const sigma = sigmaOf(
          need(w.delta, paramKey("", ga, gb), "FX delta risk weight", x.source, version),
          settings.mpor,
        );
        vcr[k] = concentration(hvr * sigma * x.amount, t);
        vr[k] = hvr * vrw * sigma * x.amount * vcr[k];
        cv[k] = sign * sigma * x.cvr;
      }
      vega = bucketK(vr, (k, l) => rho * Math.min(vcr[k], vcr[l]) / Math.max(vcr[k], vcr[l])).k;
      const kc = bucketK(cv, () => rho * rho);
      const { lambda, sum } = lambdaOf(Array.from(cv));
      curvature = Math.max(sum + lambda * kc.k, 0);
    }
  } else {
    // credit qualifying / non-qualifying, equity, commodity: buckets with qualifier-level concentration
    const isCredit = riskClass === "CreditQualifying" || riskClass === "CreditNonQualifying";
    // credit non-qualifying: "same" correlation for the same underlying family in Label2 (ISDA tests C151, C163)
    const sameNameKey = riskClass === "CreditNonQualifying" ? (a: Factor) => a.label2 : (a: Factor) => a.qualifier;
    const sigmaBucket = (bucket: string, source: string) =>
      isCredit ? 1 : sigmaOf(need(w.delta, paramKey(bucket), "delta risk weight", source, version), settings.mpor);
    let curvatureWeight = (_bucket: string, _source: string) => 1;
    const vegaHvr = isCredit ? 1 : needScalar(w.hvr, `${riskClass} historical volatility ratio`, version);
    // Equity bucket 12 (volatility indices) carries no curvature (ISDA unit test C412 expects 0).
    const curvatureSigma = (bucket: string, source: string) =>
      riskClass === "Equity" && bucket === "12" ? 0 : sigmaBucket(bucket, source);
    const intra = (bucket: string, sameQualifier: boolean, source: string) => {
      if (isCredit) {
        return need(
          rc.intraBucket,
          paramKey("", bucket === "Residual" ? "residual" : "aggregate", sameQualifier ? "same" : "different"),
          "credit intra-bucket correlation",
          source,
          version,
        );
      }
      return sameQualifier ? 1 : need(rc.intraBucket, paramKey(bucket), "intra-bucket correlation", source, version);
    };
    const gammaOf = (b: string, c: string) =>
      need(rc.interBucket, paramKey("", b, c), "inter-bucket correlation", "", version);
    const aggregate = (
      kind: "Delta" | "Vega" | "Curvature",
      groups: Map<string, Bucket>,
      weigh: (x: Factor, bucket: string, cr: number) => number,
      threshold: (bucket: string, source: string) => number,
    ): number => {
      const names = [...groups.keys()].filter((b) => b !== "Residual").sort((a, b) => Number(a) - Number(b));
      const K = new Float64Array(names.length), S = new Float64Array(names.length);
      let residualK = 0, total = 0;
      const cvrNon: number[] = [], cvrRes: number[] = [];
      const one = (bucket: string) => {
        const f = groups.get(bucket)!.factors;
        const n = f.length;
        const crOf = new Map<string, number>();
        if (kind !== "Curvature") {
          const net = new Map<string, number>();
          const scale = kind === "Vega" && !isCredit ? vegaHvr * sigmaBucket(bucket, f[0].source) : 1;
          for (const x of f) net.set(x.qualifier, (net.get(x.qualifier) ?? 0) + scale * x.amount);
          const t = threshold(bucket, f[0].source);
          for (const [q, v] of net) crOf.set(q, concentration(v, t));
        }
        const v = new Float64Array(n), cr = new Float64Array(n);
        for (let k = 0; k < n; k++) {
          cr[k] = kind === "Curvature" ? 1 : crOf.get(f[k].qualifier)!;
          v[k] = kind === "Curvature"
            ? sign * f[k].cvr * curvatureWeight(bucket, f[k].source)
            : weigh(f[k], bucket, cr[k]);
          (bucket === "Residual" ? cvrRes : cvrNon).push(v[k]);
        }
        const rSame = intra(bucket, true, f[0].source), rDiff = n > 1 ? intra(bucket, false, f[0].source) : 0;
        const gid = new Int32Array(n);
        const ids = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          const name = sameNameKey(f[k]);
          let id = ids.get(name);
          if (id === undefined) ids.set(name, id = ids.size);
          gid[k] = id;
        }
        const r = bucketKSameDiff(v, gid, cr, rSame, rDiff, kind === "Curvature");
        bucketsOut[kind].set(bucket, r.k);
        return r;
      };
      names.forEach((b, i) => {
        const r = one(b);
        K[i] = r.k;
        S[i] = clamp(r.sum, r.k);
      });
      const hasResidual = groups.has("Residual");
      const residual = hasResidual ? one("Residual") : { k: 0, sum: 0 };
      residualK = residual.k;
      const square = kind === "Curvature";
      const inter = interBucket(K, S, (b, c) => {
        const g = gammaOf(names[b], names[c]);
        return square ? g * g : g;
      });
      if (kind !== "Curvature") {
        total = inter + residualK;
      } else {
        const a = lambdaOf(cvrNon);
        total = Math.max(a.sum + a.lambda * inter, 0);
        if (hasResidual) {
          const r = lambdaOf(cvrRes);
          total += Math.max(r.sum + r.lambda * residualK, 0);
        }
      }
      return total;
    };
    const keyOf = isCredit
      ? (s: NetSensitivity) => `${s.qualifier}|${s.label1}|${s.label2}`
      : (s: NetSensitivity) => s.qualifier;
    if (deltaS.length > 0) {
      const groups = groupByBucket(deltaS, (s) => s.bucket, keyOf, null);
      delta = aggregate(
        "Delta",
        groups,
        (x, b, cr) => need(w.delta, paramKey(b), "delta risk weight", x.source, version) * x.amount * cr,
        (b, src) => need(rc.deltaThresholds, paramKey(b), "delta concentration threshold", src, version) * 1e6,
      );
    }
    if (vegaS.length > 0) {
      const hvr = isCredit ? 1 : needScalar(w.hvr, `${riskClass} historical volatility ratio`, version);
      const vrwOf = (b: string, src: string) =>
        w.vega.get(paramKey(b)) ?? need(w.vega, paramKey(), "vega risk weight", src, version);
      const thr = (b: string, src: string) =>
        (rc.vegaThresholds.get(paramKey(b)) ??
          need(rc.vegaThresholds, paramKey(), "vega concentration threshold", src, version)) * 1e6;
      const sf = (s: NetSensitivity) => curvatureScale(settings.mpor, s.label1, s.source);
      const groups = groupByBucket(vegaS, (s) => s.bucket, keyOf, sf);
      vega = aggregate(
        "Vega",
        groups,
        (x, b, cr) => hvr * vrwOf(b, x.source) * sigmaBucket(b, x.source) * x.amount * cr,
        thr,
      );
      curvatureWeight = curvatureSigma;
      curvature = aggregate("Curvature", groups, () => 0, () => 1);
    }
    if (bcS.length > 0) {
      const g = groupByBucket(bcS, () => "", (s) => s.qualifier, null).get("")!;
      const rw = needScalar(w.baseCorrelation, "base-correlation risk weight", version);
      const rho = needScalar(rc.correlationScalars.get("BaseCorrelation"), "base-correlation correlation", version);
      const ws = Float64Array.from(g.factors, (x) => rw * x.amount);
      baseCorr = bucketK(ws, () => rho).k;
    }
  }
  return {
    delta,
    vega,
    curvature,
    baseCorr,
    buckets: bucketsOut,
    present: {
      delta: deltaS.length > 0,
      vega: vegaS.length > 0,
      curvature: vegaS.length > 0,
      baseCorr: bcS.length > 0,
    },
  };
}
