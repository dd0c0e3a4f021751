// Test helper (not exported from mod.ts): small synthetic crude panels.
import { createPrng } from "../core/prng.ts";
import type { Panel } from "../data/panel.ts";
import { businessDays } from "../market/synthetic_market.ts";

/** A T-row panel with all crude columns; ovx starts late, skew ends early, cl1 dips below zero. */
export function makeCrudePanel(T = 400, seed = 1): Panel {
  const rng = createPrng(seed);
  const dates = businessDays("2010-01-04", T);
  const col = () => new Float64Array(T);
  const c: Record<string, Float64Array> = {};
  for (
    const k of [
      "wti_spot",
      "brent_spot",
      "hh_spot",
      "cl1",
      "cl2",
      "cl3",
      "cl4",
      "ovx",
      "vix",
      "vix3m",
      "skew",
      "ust3m",
      "ust2y",
      "ust10y",
      "fed_funds",
    ]
  ) c[k] = col();
  let p = 60, vix = 18, ovx = 35, y = 2;
  for (let t = 0; t < T; t++) {
    p += 1.2 * rng.normal();
    vix = Math.max(9, vix + 0.8 * rng.normal());
    ovx = Math.max(15, ovx + 1.2 * rng.normal());
    y = Math.max(0, y + 0.03 * rng.normal());
    const cl1 = t >= 200 && t <= 202 ? -5 - t + 200 : p;
    c.cl1[t] = cl1;
    c.cl2[t] = cl1 + 0.5 + 0.1 * rng.normal();
    c.cl3[t] = cl1 + 0.9 + 0.1 * rng.normal();
    c.cl4[t] = cl1 + 1.2 + 0.1 * rng.normal();
    c.wti_spot[t] = cl1 - 0.2;
    c.brent_spot[t] = cl1 + 2 + 0.3 * rng.normal();
    c.hh_spot[t] = 3 + 0.1 * rng.normal();
    c.ovx[t] = t < 50 ? NaN : ovx;
    c.vix[t] = vix;
    c.vix3m[t] = t < 30 ? NaN : vix * (1.05 + 0.02 * rng.normal());
    c.skew[t] = t > 380 ? NaN : 120 + 5 * rng.normal();
    c.ust3m[t] = y;
    c.ust2y[t] = y + 0.3;
    c.ust10y[t] = y + 1.5 + 0.05 * rng.normal();
    c.fed_funds[t] = y - 0.1;
  }
  const meta: Panel["meta"] = {};
  for (const k of Object.keys(c)) meta[k] = { unit: "", source: "test", description: k };
  return { dates, columns: c, meta, fill: {} };
}

/** Copy of `panel` with every finite value at rows > t replaced by a different one. */
export function perturbAfter(panel: Panel, t: number, seed: number): Panel {
  const rng = createPrng(seed);
  const columns: Record<string, Float64Array> = {};
  for (const [k, x] of Object.entries(panel.columns)) {
    const y = x.slice();
    for (let i = t + 1; i < y.length; i++) if (!Number.isNaN(y[i])) y[i] = y[i] * (1.5 + rng.next()) + 3 * rng.normal();
    columns[k] = y;
  }
  return { ...panel, columns };
}

/** Bitwise equality of row t of two frames' value matrices. */
export function rowBitsEqual(a: Float64Array, b: Float64Array, F: number, t: number): string | null {
  const ua = new BigUint64Array(a.buffer, a.byteOffset + t * F * 8, F);
  const ub = new BigUint64Array(b.buffer, b.byteOffset + t * F * 8, F);
  for (let j = 0; j < F; j++) if (ua[j] !== ub[j]) return `column ${j}: ${a[t * F + j]} vs ${b[t * F + j]}`;
  return null;
}
