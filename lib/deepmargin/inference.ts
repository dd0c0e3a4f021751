/**
 * The trained network's forward pass for one portfolio at a time, without
 * tfjs' per-op dispatch: the same maths as `model.ts` in the same float32
 * arithmetic, on WebAssembly SIMD kernels (`wasm_kernels.ts`) over weights
 * laid out once, computing only the portfolio's real tokens (tested equal to
 * the tfjs forward within float32 rounding).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildMarketDay, createPrng, createTokenizer, generatePortfolio, syntheticPanel } from "./mod.ts";
 * import { initWeights } from "./model.ts";
 * import { createPredictor, marginFromY } from "./inference.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const tok = createTokenizer(day, { offset: 1000 });
 * const t = tok.tokenize(generatePortfolio(createPrng(1), day));
 * // seeded weights here; e06 trains them
 * const w = initWeights({ kind: "transformer", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 1 });
 * const predict = createPredictor(w);
 * const span2Hat = marginFromY(predict(t.tokens, t.n, t.context, tok.aggregate(t)), t.rr, t.nov, 1000);
 * assert.ok(span2Hat >= 0);
 * ```
 * @module
 */
import type { ModelWeights } from "./model.ts";
import { createKernels, DENSE_ACCUMULATE, DENSE_RELU, type Kernels } from "./wasm_kernels.ts";
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
 * Compile a predictor from trained weights: the weights are laid out once in the
 * memory of the float32 SIMD kernels (`wasm_kernels.ts`; Q, K and V projections
 * fused into one matrix), with scratch space for the longest portfolio, so a call
 * allocates nothing. Only the `n` real tokens and the context token are computed
 * (masked padding cannot change a permutation-invariant masked encoder's output).
 * Inputs are standardised exactly as `model.ts` does before training and
 * prediction; the arithmetic is float32 like tfjs', so the output matches
 * `predictTf` to float32 rounding (`model_test.ts`).
 *
 * @throws {RangeError} when a weight tensor is missing or mis-shaped; at call time when `n` is outside 1..20
 *   or the arrays are too short
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { initWeights } from "./model.ts";
 * import { AGG_FEATURES, TOKEN_FEATURES } from "./tokenizer.ts";
 * const p = createPredictor(initWeights({ kind: "transformer", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 1 }));
 * const y = p(new Float32Array(3 * TOKEN_FEATURES).fill(0.1), 3, new Float32Array(0), new Float32Array(AGG_FEATURES));
 * assert.ok(Number.isFinite(y));
 * ```
 */
export function createPredictor(w: ModelWeights): Predictor {
  const cfg = w.config;
  if (!(cfg.heads >= 1 && cfg.dModel % cfg.heads === 0)) {
    throw new RangeError(`createPredictor: heads (${cfg.heads}) must divide dModel (${cfg.dModel})`);
  }
  const { tokMean, tokStd, aggMean, aggStd } = w.norm;
  const NF = TOKEN_FEATURES, NA = AGG_FEATURES, Lmax = MAX_POSITIONS + 1;
  const d = cfg.dModel, H = cfg.heads, dk = d / H, dff = cfg.dff, hidden = cfg.hidden;
  // memory layout (float offsets, 16-byte aligned): `reserve` makes room (copied from `data` at compile time when
  // given), `put` places a weight tensor after checking its size
  const plan: { at: number; data?: Float32Array }[] = [];
  let top = 0;
  const reserve = (size: number, data?: Float32Array): number => {
    const at = top;
    plan.push({ at, data });
    top += (size + 3) & ~3;
    return at;
  };
  const tensor = (k: string, shape: number[]): Float32Array => {
    const t = w.tensors[k];
    if (t === undefined) throw new RangeError(`createPredictor: weights lack tensor "${k}"`);
    if (t.data.length !== shape.reduce((a, b) => a * b, 1)) {
      throw new RangeError(
        `createPredictor: tensor "${k}" has ${t.data.length} values, expected shape [${shape.join(", ")}]`,
      );
    }
    return t.data;
  };
  const put = (k: string, shape: number[]) => reserve(tensor(k, shape).length, tensor(k, shape));
  /** `[A | B | C]` column-wise from three `rows × cols` matrices. */
  const hcat = (mats: Float32Array[], rows: number, cols: number): Float32Array => {
    const out = new Float32Array(rows * cols * mats.length);
    for (let i = 0; i < rows; i++) {
      mats.forEach((m, q) => out.set(m.subarray(i * cols, (i + 1) * cols), (i * mats.length + q) * cols));
    }
    return out;
  };
  let F: Float32Array;
  const aIn = reserve(NA);
  const Wh2 = put("Wh2", [hidden, 1]), bh2 = put("bh2", [1]);
  const h1 = reserve(hidden), out = reserve(1);
  if (cfg.kind === "mlp") {
    const Wh0 = put("Wh0", [NA, hidden]), bh0 = put("bh0", [hidden]);
    const Wh1 = put("Wh1", [hidden, hidden]), bh1 = put("bh1", [hidden]);
    const h0 = reserve(hidden);
    const k = compile();
    F = k.f32;
    return (_tokens, _n, _context, agg) => {
      if (agg === undefined || agg.length < NA) {
        throw new RangeError(`predict: the MLP needs agg features of length ${NA}`);
      }
      for (let j = 0; j < NA; j++) F[aIn + j] = (agg[j] - aggMean[j]) / aggStd[j];
      k.dense(aIn, 1, NA, NA, Wh0, hidden, bh0, hidden, h0, hidden, DENSE_RELU);
      k.dense(h0, 1, hidden, hidden, Wh1, hidden, bh1, hidden, h1, hidden, DENSE_RELU);
      k.dense(h1, 1, hidden, hidden, Wh2, 1, bh2, 1, out, 1, 0);
      return F[out];
    };
  }
  const tIn = reserve(Lmax * NF);
  const Wc = put("Wc", [NA, d]), bc = put("bc", [d]), Wt = put("Wt", [NF, d]), bt = put("bt", [d]);
  const layers = Array.from({ length: cfg.layers }, (_, l) => {
    const m = (n: string) => tensor(`l${l}.${n}`, [d, d]), v = (n: string) => tensor(`l${l}.${n}`, [d]);
    return {
      g1: put(`l${l}.g1`, [d]),
      b1: put(`l${l}.b1`, [d]),
      Wqkv: reserve(3 * d * d, hcat([m("Wq"), m("Wk"), m("Wv")], d, d)),
      bqkv: reserve(3 * d, hcat([v("bq"), v("bk"), v("bv")], 1, d)),
      Wo: put(`l${l}.Wo`, [d, d]),
      bo: put(`l${l}.bo`, [d]),
      g2: put(`l${l}.g2`, [d]),
      b2: put(`l${l}.b2`, [d]),
      W1: put(`l${l}.W1`, [d, dff]),
      c1: put(`l${l}.c1`, [dff]),
      W2: put(`l${l}.W2`, [dff, d]),
      c2: put(`l${l}.c2`, [d]),
    };
  });
  const gf = put("gf", [d]), bf = put("bf", [d]), Wh1 = put("Wh1", [2 * d, hidden]), bh1 = put("bh1", [hidden]);
  const zero = reserve(Math.max(Lmax, d, dff, hidden));
  const x = reserve(Lmax * d), h = reserve(Lmax * d), qkv = reserve(Lmax * 3 * d), kT = reserve(d * Lmax);
  const att = reserve(Lmax * Lmax), o = reserve(Lmax * d), ff = reserve(Lmax * dff);
  const pool = reserve(Lmax), z = reserve(d);
  const k = compile();
  F = k.f32;
  const scale = 1 / Math.sqrt(dk);
  return (tokens, n, _context, agg) => {
    if (!Number.isInteger(n) || n < 1 || n > MAX_POSITIONS) {
      throw new RangeError(`predict: n must be an integer in 1..${MAX_POSITIONS}, got ${n}`);
    }
    if (tokens.length < n * NF || agg === undefined || agg.length < NA) {
      throw new RangeError(`predict: tokens must hold ${n}×${NF} values and agg ${NA}`);
    }
    const L = n + 1;
    for (let j = 0; j < NA; j++) F[aIn + j] = (agg[j] - aggMean[j]) / aggStd[j];
    for (let t = 0, i = 0; t < n; t++) {
      for (let j = 0; j < NF; j++, i++) F[tIn + i] = (tokens[i] - tokMean[j]) / tokStd[j];
    }
    // embeddings: row 0 the context token, rows 1..n the positions
    k.dense(aIn, 1, NA, NA, Wc, d, bc, d, x, d, 0);
    k.dense(tIn, n, NF, NF, Wt, d, bt, d, x + d, d, 0);
    for (const P of layers) {
      k.layerNorm(x, L, d, d, P.g1, P.b1, h, d);
      k.dense(h, L, d, d, P.Wqkv, 3 * d, P.bqkv, 3 * d, qkv, 3 * d, 0);
      k.transpose(qkv + d, L, d, 3 * d, kT, Lmax); // K^T: d × L
      for (let hh = 0; hh < H; hh++) {
        // scores = Q_h K_h^T, softmax over the L keys, then A V_h
        k.dense(qkv + hh * dk, L, dk, 3 * d, kT + hh * dk * Lmax, Lmax, zero, L, att, Lmax, 0);
        k.softmax(att, L, L, Lmax, scale);
        k.dense(att, L, L, Lmax, qkv + 2 * d + hh * dk, 3 * d, zero, dk, o + hh * dk, d, 0);
      }
      k.dense(o, L, d, d, P.Wo, d, P.bo, d, x, d, DENSE_ACCUMULATE);
      k.layerNorm(x, L, d, d, P.g2, P.b2, h, d);
      k.dense(h, L, d, d, P.W1, dff, P.c1, dff, ff, dff, DENSE_RELU);
      k.dense(ff, L, dff, dff, P.W2, d, P.c2, d, x, d, DENSE_ACCUMULATE);
    }
    k.layerNorm(x, L, d, d, gf, bf, h, d);
    // head on [mean over the L tokens | context token]: two halves of Wh1
    F.fill(1 / L, pool, pool + L);
    k.dense(pool, 1, L, L, h, d, zero, d, z, d, 0);
    k.dense(z, 1, d, d, Wh1, hidden, bh1, hidden, h1, hidden, 0);
    k.dense(h, 1, d, d, Wh1 + d * hidden, hidden, zero, hidden, h1, hidden, DENSE_ACCUMULATE | DENSE_RELU);
    k.dense(h1, 1, hidden, hidden, Wh2, 1, bh2, 1, out, 1, 0);
    return F[out];
  };

  function compile(): Kernels {
    const kk = createKernels(top);
    for (const { at, data } of plan) if (data !== undefined) kk.f32.set(data, at);
    return kk;
  }
}
