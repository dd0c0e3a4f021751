/**
 * KernelSHAP (Lundberg & Lee, 2017): model-agnostic Shapley values from a weighted linear regression over
 * feature coalitions, with the efficiency constraint enforced exactly.
 *
 * The value of a coalition S for instance x is the interventional expectation over a background sample,
 * `v(S) = (1/k) Σ_b f(x_S, b_{S̄})`, so `v(∅) = E f(background)` and `v(all) = f(x)`. The Shapley values are the
 * solution of `min Σ_S π(S) (v(S) − v(∅) − Σ_{i∈S} φ_i)²` subject to `Σ φ_i = v(all) − v(∅)`, with the Shapley
 * kernel `π(S) = (d−1) / (C(d,|S|) |S| (d−|S|))`. With every coalition enumerated the solution equals the exact
 * Shapley values of `v`; with sampling, coalitions are drawn with probability ∝ π (size first, then a uniform
 * subset of that size), each sample paired with its complement (antithetic sampling, Covert & Lee 2021), and
 * duplicates are merged with their counts as weights.
 *
 * The constraint is eliminated by substituting `φ_{d−1} = Δ − Σ_{i<d−1} φ_i`, so the reduced (d−1)-dimensional
 * weighted least squares is solved by Cholesky and `Σ φ = Δ` holds to rounding.
 * @module
 */

import type { Prng } from "../core/prng.ts";
import { checkInt } from "../core/check.ts";
import { choleskyInPlace, choleskySolve } from "../core/cholesky.ts";
import { checkMatrix } from "./_checks.ts";
import { callPredict, checkPredictInput, type PredictFn } from "./predict_fn.ts";

/** Options for {@link kernelShap}. */
export interface KernelShapOptions {
  /** Seeded generator (from `createPrng`) used for coalition sampling. Required even when enumeration is exact. */
  prng: Prng;
  /** Coalition draws per instance when sampling (pairs count as two). Default `2·d + 2048`. */
  nSamples?: number;
  /** Enumerate all `2^d − 2` proper coalitions when `d ≤ exactMaxFeatures` (default 12) or when `nSamples` covers them. */
  exactMaxFeatures?: number;
  /** Pair each sampled coalition with its complement (default true). */
  paired?: boolean;
  /** Largest number of synthetic rows passed to one `predict` call (default 262144); larger batches are chunked. */
  maxBatchRows?: number;
}

/** Result of {@link kernelShap}. */
export interface KernelShapResult {
  /** Shapley values, `n × d` row-major. */
  values: Float64Array;
  /** Number of explained instances. */
  n: number;
  /** Number of features. */
  d: number;
  /** `E f(background)`: the mean prediction over the background rows. */
  baseValue: number;
  /** `f(x)` for every explained instance. */
  predictions: Float64Array;
  /** True when every coalition was enumerated (values are the exact Shapley values of the value function). */
  exact: boolean;
  /** Distinct coalitions evaluated per instance. */
  nCoalitions: Int32Array;
}

/** A set of coalitions: `masks` is `m × d` (1 = feature taken from x), `weights` their regression weights. */
interface Design {
  m: number;
  masks: Uint8Array;
  weights: Float64Array;
}

/** Shapley kernel weight of a coalition of size s among d features. */
function shapleyKernel(d: number, s: number): number {
  // (d−1) / (C(d,s) s (d−s)); C(d,s) computed in floating point (d is small enough when enumerating).
  let c = 1;
  for (let i = 1; i <= s; i++) c = (c * (d - s + i)) / i;
  return (d - 1) / (c * s * (d - s));
}

function enumerateDesign(d: number): Design {
  const m = 2 ** d - 2;
  const masks = new Uint8Array(m * d);
  const weights = new Float64Array(m);
  const kernelBySize = new Float64Array(d);
  for (let s = 1; s < d; s++) kernelBySize[s] = shapleyKernel(d, s);
  for (let c = 1; c <= m; c++) {
    let size = 0;
    for (let j = 0; j < d; j++) {
      if (Math.floor(c / 2 ** j) % 2 === 1) {
        masks[(c - 1) * d + j] = 1;
        size++;
      }
    }
    weights[c - 1] = kernelBySize[size];
  }
  return { m, masks, weights };
}

function sampleDesign(d: number, draws: number, paired: boolean, prng: Prng): Design {
  // Size distribution ∝ total kernel mass of each size: C(d,s)·π(s) ∝ 1/(s(d−s)).
  const cdf = new Float64Array(d);
  let total = 0;
  for (let s = 1; s < d; s++) {
    total += 1 / (s * (d - s));
    cdf[s] = total;
  }
  const order = new Int32Array(d);
  for (let j = 0; j < d; j++) order[j] = j;
  const index = new Map<string, number>();
  const masks: number[] = [];
  const counts: number[] = [];
  const mask = new Uint8Array(d);
  const add = (complement: boolean) => {
    let key = "";
    for (let j = 0; j < d; j++) key += (complement ? 1 - mask[j] : mask[j]) ? "1" : "0";
    const at = index.get(key);
    if (at !== undefined) {
      counts[at]++;
      return;
    }
    index.set(key, counts.length);
    counts.push(1);
    for (let j = 0; j < d; j++) masks.push(complement ? 1 - mask[j] : mask[j]);
  };
  let drawn = 0;
  while (drawn < draws) {
    const u = prng.next() * total;
    let s = 1;
    while (s < d - 1 && cdf[s] <= u) s++;
    // Uniform s-subset by a partial Fisher–Yates shuffle of the running order.
    mask.fill(0);
    for (let i = 0; i < s; i++) {
      const j = i + prng.int(d - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
      mask[order[i]] = 1;
    }
    add(false);
    drawn++;
    if (paired && drawn < draws) {
      add(true);
      drawn++;
    }
  }
  return { m: counts.length, masks: Uint8Array.from(masks), weights: Float64Array.from(counts) };
}

/** Reduced normal matrix A = Σ w (z_{:d−1} − z_{d−1})(…)ᵀ and its in-place Cholesky factor (lower, row-major). */
function choleskyNormal(design: Design, d: number): Float64Array {
  const p = d - 1;
  const a = new Float64Array(p * p);
  const zr = new Float64Array(p);
  for (let c = 0; c < design.m; c++) {
    const w = design.weights[c], base = c * d, zl = design.masks[base + p];
    for (let i = 0; i < p; i++) zr[i] = design.masks[base + i] - zl;
    for (let i = 0; i < p; i++) {
      const wi = w * zr[i];
      if (wi === 0) continue;
      for (let j = 0; j <= i; j++) a[i * p + j] += wi * zr[j];
    }
  }
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, a[i * p + i]);
  if (!choleskyInPlace(a, p, 0, 1e-12 * maxDiag)) {
    throw new RangeError(
      `kernelShap: coalition design is singular (${design.m} distinct coalitions for d = ${d}); increase nSamples`,
    );
  }
  return a;
}

/** v(S) − v(∅) for every coalition of `design`, for the instance at row `row` of x. */
async function coalitionValues(
  predict: PredictFn,
  design: Design,
  xRow: Float64Array,
  background: Float64Array,
  k: number,
  d: number,
  baseValue: number,
  maxBatchRows: number,
): Promise<Float64Array> {
  const out = new Float64Array(design.m);
  const perChunk = Math.max(1, Math.floor(maxBatchRows / k));
  const chunkRows = Math.min(design.m, perChunk) * k;
  const synth = new Float64Array(chunkRows * d);
  const inS = new Int32Array(d);
  for (let c0 = 0; c0 < design.m; c0 += perChunk) {
    const c1 = Math.min(design.m, c0 + perChunk);
    const rows = (c1 - c0) * k;
    const buf = rows * d === synth.length ? synth : synth.subarray(0, rows * d);
    for (let c = c0; c < c1; c++) {
      // Copy the whole background block, then overwrite the coalition's columns with x.
      const r0 = (c - c0) * k * d;
      buf.set(background, r0);
      let ns = 0;
      for (let j = 0; j < d; j++) if (design.masks[c * d + j] === 1) inS[ns++] = j;
      for (let r = r0; r < r0 + k * d; r += d) {
        for (let t = 0; t < ns; t++) buf[r + inS[t]] = xRow[inS[t]];
      }
    }
    const y = await callPredict("kernelShap", predict, buf, rows, d);
    for (let c = c0; c < c1; c++) {
      let s = 0;
      const o = (c - c0) * k;
      for (let b = 0; b < k; b++) s += y[o + b];
      out[c] = s / k - baseValue;
    }
  }
  return out;
}

/**
 * Explain `n` instances (`x`, `n × d` row-major) of a batch model with KernelSHAP against a background sample
 * (`background`, `k × d` row-major with `k = background.length / d`). Each instance costs one batched `predict`
 * call over `(#coalitions · k)` synthetic rows (chunked at `maxBatchRows`).
 *
 * @throws {TypeError} when `predict` is not a function or `x`/`background` are not Float64Arrays
 * @throws {RangeError} on mismatched dimensions, non-finite rows, an empty background or invalid options
 * @example
 * ```ts
 * import type { PredictFn } from "./predict_fn.ts";
 * import { createPrng } from "../core/prng.ts";
 * const f: PredictFn = (x, n) => { const y = new Float64Array(n); for (let i = 0; i < n; i++) y[i] = 2 * x[i * 2]; return y; };
 * const r = await kernelShap(f, Float64Array.of(1, 5), 1, 2, Float64Array.of(0, 0, 2, 0), { prng: createPrng(1) });
 * console.assert(Math.abs(r.values[0] - 0) < 1e-12 && r.baseValue === 2); // φ0 = 2·(1 − 1)
 * ```
 */
export async function kernelShap(
  predict: PredictFn,
  x: Float64Array,
  n: number,
  d: number,
  background: Float64Array,
  options: KernelShapOptions,
): Promise<KernelShapResult> {
  const fn = "kernelShap";
  checkPredictInput(fn, predict, x, n, d);
  if (!(background instanceof Float64Array)) {
    throw new TypeError(`${fn}: background must be a Float64Array (row-major, d = ${d} columns)`);
  }
  if (background.length === 0) throw new RangeError(`${fn}: background is empty (0 rows); pass at least one row`);
  if (background.length % d !== 0) {
    throw new RangeError(`${fn}: background length ${background.length} is not a multiple of d = ${d}`);
  }
  const k = background.length / d;
  checkMatrix(fn, "background", background, k, d);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be an object with a prng, got ${String(options)}`);
  }
  const { prng } = options;
  if (prng === null || typeof prng !== "object" || typeof prng.next !== "function") {
    throw new TypeError(`${fn}: options.prng must be a Prng from createPrng, got ${String(prng)}`);
  }
  const nSamples = checkInt(fn, "options.nSamples", options.nSamples ?? 2 * d + 2048, 2);
  const exactMax = checkInt(fn, "options.exactMaxFeatures", options.exactMaxFeatures ?? 12, 0);
  const maxBatchRows = checkInt(fn, "options.maxBatchRows", options.maxBatchRows ?? 262144, 1);
  const paired = options.paired ?? true;
  if (typeof paired !== "boolean") throw new TypeError(`${fn}: options.paired must be a boolean, got ${paired}`);

  const fb = await callPredict(fn, predict, background, k, d);
  let baseValue = 0;
  for (let b = 0; b < k; b++) baseValue += fb[b];
  baseValue /= k;
  const predictions = await callPredict(fn, predict, x, n, d);

  const values = new Float64Array(n * d);
  const nCoalitions = new Int32Array(n);
  const exact = d <= 1 || d <= exactMax || (d <= 30 && 2 ** d - 2 <= nSamples);
  const p = d - 1;
  const shared = exact && d > 1 ? enumerateDesign(d) : undefined;
  const sharedL = shared ? choleskyNormal(shared, d) : undefined;
  const rhs = new Float64Array(Math.max(p, 1));

  for (let i = 0; i < n; i++) {
    const delta = predictions[i] - baseValue;
    const phi = values.subarray(i * d, i * d + d);
    if (d === 1) {
      phi[0] = delta;
      continue;
    }
    const design = shared ?? sampleDesign(d, nSamples, paired, prng);
    const l = sharedL ?? choleskyNormal(design, d);
    nCoalitions[i] = design.m;
    const y = await coalitionValues(
      predict,
      design,
      x.subarray(i * d, i * d + d),
      background,
      k,
      d,
      baseValue,
      maxBatchRows,
    );
    rhs.fill(0);
    for (let c = 0; c < design.m; c++) {
      const base = c * d, zl = design.masks[base + p];
      const t = design.weights[c] * (y[c] - zl * delta);
      if (t === 0) continue;
      for (let j = 0; j < p; j++) {
        const z = design.masks[base + j] - zl;
        if (z !== 0) rhs[j] += z * t;
      }
    }
    choleskySolve(l, p, rhs);
    let s = 0;
    for (let j = 0; j < p; j++) {
      phi[j] = rhs[j];
      s += rhs[j];
    }
    phi[p] = delta - s;
  }
  return { values, n, d, baseValue, predictions, exact, nCoalitions };
}
