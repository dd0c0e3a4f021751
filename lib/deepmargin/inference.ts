/**
 * The trained network's forward pass in plain TypeScript (Float64 arithmetic
 * over the Float32 weights), for single-portfolio inference without tfjs'
 * per-op dispatch overhead. Same maths as `model.ts` (tested equal to the tfjs
 * forward within float32 rounding); variable-length inputs need no padding.
 *
 * @example
 * ```ts
 * import { createPredictor, marginFromY } from "./inference.ts";
 * import type { ModelWeights } from "./model.ts";
 * import type { Tokens } from "./tokenizer.ts";
 * declare const w: ModelWeights;
 * declare const t: Tokens;
 * declare const agg: Float32Array; // tokenizer.aggregate(t)
 * const predict = createPredictor(w);
 * const span2Hat = marginFromY(predict(t.tokens, t.n, t.context, agg), t.rr, t.nov, 1000);
 * ```
 * @module
 */
import type { ModelWeights } from "./model.ts";
import { AGG_FEATURES, TOKEN_FEATURES } from "./tokenizer.ts";
import { MAX_POSITIONS } from "./generator.ts";

/**
 * SPAN 2-like estimate from the network output `y`, the SPAN-like risk requirement `rr` and the net option value
 * `nov` (identical in both engines): `max(0, (rr + c)·e^y − c − nov)`. The implied `δ = estimate/SPAN − 1`.
 *
 * @example
 * ```ts
 * marginFromY(0, 5000, 0, 1000); // 5000
 * ```
 */
export function marginFromY(y: number, rr: number, nov: number, offset: number): number {
  return Math.max(0, (rr + offset) * Math.exp(y) - offset - nov);
}

/**
 * The training target `y = ln((rr2 + c)/(rr + c))` from both engines' risk requirements.
 *
 * @example
 * ```ts
 * targetY(6000, 5000, 1000); // ln(7000/6000)
 * ```
 */
export function targetY(rr2: number, rr: number, offset: number): number {
  return Math.log((rr2 + offset) / (rr + offset));
}

/** A compiled predictor: raw (unstandardised) features in, `y` out. */
export type Predictor = (
  tokens: Float32Array,
  n: number,
  context: Float32Array,
  agg: Float32Array | undefined,
) => number;

/**
 * Compile a predictor from trained weights.
 *
 * @throws {RangeError} at call time when `n` is outside 1..20 or arrays are too short
 * @example
 * ```ts
 * import { initWeights } from "./model.ts";
 * const p = createPredictor(initWeights({ kind: "transformer", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 1 }));
 * ```
 */
export function createPredictor(w: ModelWeights): Predictor {
  const cfg = w.config;
  const T = (k: string) => {
    const t = w.tensors[k];
    if (t === undefined) throw new RangeError(`createPredictor: weights lack tensor "${k}"`);
    return t.data;
  };
  const { tokMean, tokStd, aggMean, aggStd } = w.norm;
  const Wh1 = T("Wh1"), bh1 = T("bh1"), Wh2 = T("Wh2"), bh2 = T("bh2");
  const hidden = cfg.hidden;
  const head = (z: Float64Array, inDim: number): number => {
    let out = bh2[0];
    for (let j = 0; j < hidden; j++) {
      let s = bh1[j];
      for (let i = 0; i < inDim; i++) s += z[i] * Wh1[i * hidden + j];
      if (s > 0) out += s * Wh2[j];
    }
    return out;
  };
  if (cfg.kind === "mlp") {
    const Wh0 = T("Wh0"), bh0 = T("bh0");
    const a = new Float64Array(AGG_FEATURES), h0 = new Float64Array(hidden);
    return (_tokens, _n, _context, agg) => {
      if (agg === undefined || agg.length < AGG_FEATURES) {
        throw new RangeError(`predict: the MLP needs agg features of length ${AGG_FEATURES}`);
      }
      for (let j = 0; j < AGG_FEATURES; j++) a[j] = (agg[j] - aggMean[j]) / aggStd[j];
      for (let j = 0; j < hidden; j++) {
        let s = bh0[j];
        for (let i = 0; i < AGG_FEATURES; i++) s += a[i] * Wh0[i * hidden + j];
        h0[j] = s > 0 ? s : 0;
      }
      return head(h0, hidden);
    };
  }
  const d = cfg.dModel, H = cfg.heads, dk = d / H, dff = cfg.dff, NF = TOKEN_FEATURES, NC = AGG_FEATURES;
  const Wt = T("Wt"), bt = T("bt"), Wc = T("Wc"), bc = T("bc"), gf = T("gf"), bf = T("bf");
  const layers = Array.from({ length: cfg.layers }, (_, l) => ({
    g1: T(`l${l}.g1`),
    b1: T(`l${l}.b1`),
    Wq: T(`l${l}.Wq`),
    bq: T(`l${l}.bq`),
    Wk: T(`l${l}.Wk`),
    bk: T(`l${l}.bk`),
    Wv: T(`l${l}.Wv`),
    bv: T(`l${l}.bv`),
    Wo: T(`l${l}.Wo`),
    bo: T(`l${l}.bo`),
    g2: T(`l${l}.g2`),
    b2: T(`l${l}.b2`),
    W1: T(`l${l}.W1`),
    c1: T(`l${l}.c1`),
    W2: T(`l${l}.W2`),
    c2: T(`l${l}.c2`),
  }));
  const Lmax = MAX_POSITIONS + 1;
  const x = new Float64Array(Lmax * d), hbuf = new Float64Array(Lmax * d);
  const q = new Float64Array(Lmax * d), k = new Float64Array(Lmax * d), v = new Float64Array(Lmax * d);
  const o = new Float64Array(Lmax * d), f = new Float64Array(dff), sc = new Float64Array(Lmax);
  const inp = new Float64Array(Math.max(NF, NC)), z = new Float64Array(2 * d);
  const ln = (src: Float64Array, dst: Float64Array, L: number, g: Float32Array, b: Float32Array) => {
    for (let t = 0; t < L; t++) {
      let mu = 0;
      for (let j = 0; j < d; j++) mu += src[t * d + j];
      mu /= d;
      let va = 0;
      for (let j = 0; j < d; j++) va += (src[t * d + j] - mu) ** 2;
      const r = 1 / Math.sqrt(va / d + 1e-5);
      for (let j = 0; j < d; j++) dst[t * d + j] = (src[t * d + j] - mu) * r * g[j] + b[j];
    }
  };
  const matvec = (
    src: Float64Array,
    so: number,
    n: number,
    W: Float32Array,
    b: Float32Array,
    m: number,
    dst: Float64Array,
    dOff: number,
  ) => {
    for (let j = 0; j < m; j++) dst[dOff + j] = b[j];
    for (let i = 0; i < n; i++) {
      const s = src[so + i];
      if (s === 0) continue;
      const row = i * m;
      for (let j = 0; j < m; j++) dst[dOff + j] += s * W[row + j];
    }
  };
  const scale = 1 / Math.sqrt(dk);
  return (tokens, n, _context, agg) => {
    if (!Number.isInteger(n) || n < 1 || n > MAX_POSITIONS) {
      throw new RangeError(`predict: n must be an integer in 1..${MAX_POSITIONS}, got ${n}`);
    }
    if (tokens.length < n * NF || agg === undefined || agg.length < NC) {
      throw new RangeError(`predict: tokens must hold ${n}×${NF} values and agg ${NC}`);
    }
    const L = n + 1;
    for (let j = 0; j < NC; j++) inp[j] = (agg[j] - aggMean[j]) / aggStd[j];
    matvec(inp, 0, NC, Wc, bc, d, x, 0);
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < NF; j++) inp[j] = (tokens[t * NF + j] - tokMean[j]) / tokStd[j];
      matvec(inp, 0, NF, Wt, bt, d, x, (t + 1) * d);
    }
    for (const P of layers) {
      ln(x, hbuf, L, P.g1, P.b1);
      for (let t = 0; t < L; t++) {
        matvec(hbuf, t * d, d, P.Wq, P.bq, d, q, t * d);
        matvec(hbuf, t * d, d, P.Wk, P.bk, d, k, t * d);
        matvec(hbuf, t * d, d, P.Wv, P.bv, d, v, t * d);
      }
      for (let hh = 0; hh < H; hh++) {
        const ho = hh * dk;
        for (let t = 0; t < L; t++) {
          let mx = -Infinity;
          for (let s = 0; s < L; s++) {
            let a = 0;
            for (let j = 0; j < dk; j++) a += q[t * d + ho + j] * k[s * d + ho + j];
            sc[s] = a * scale;
            if (sc[s] > mx) mx = sc[s];
          }
          let den = 0;
          for (let s = 0; s < L; s++) {
            sc[s] = Math.exp(sc[s] - mx);
            den += sc[s];
          }
          for (let j = 0; j < dk; j++) {
            let a = 0;
            for (let s = 0; s < L; s++) a += sc[s] * v[s * d + ho + j];
            o[t * d + ho + j] = a / den;
          }
        }
      }
      for (let t = 0; t < L; t++) {
        matvec(o, t * d, d, P.Wo, P.bo, d, hbuf, t * d);
        for (let j = 0; j < d; j++) x[t * d + j] += hbuf[t * d + j];
      }
      ln(x, hbuf, L, P.g2, P.b2);
      for (let t = 0; t < L; t++) {
        matvec(hbuf, t * d, d, P.W1, P.c1, dff, f, 0);
        for (let j = 0; j < dff; j++) if (f[j] < 0) f[j] = 0;
        matvec(f, 0, dff, P.W2, P.c2, d, q, t * d);
        for (let j = 0; j < d; j++) x[t * d + j] += q[t * d + j];
      }
    }
    ln(x, hbuf, L, gf, bf);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let t = 0; t < L; t++) s += hbuf[t * d + j];
      z[j] = s / L;
      z[d + j] = hbuf[j];
    }
    return head(z, 2 * d);
  };
}
