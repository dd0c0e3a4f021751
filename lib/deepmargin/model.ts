/**
 * The DeepMargin network and its MLP baseline, trained with tfjs (wasm
 * backend, seeded initialisers, self-shuffled batches — bit-deterministic).
 *
 * **Transformer** (permutation-invariant set encoder): position tokens and the
 * context token (market context, SPAN-like components and the per-underlying
 * sums of the position features — the same inputs as the MLP baseline) are embedded by two dense layers (the one-hot categorical
 * fields make the first one a sum of categorical embeddings), pass `layers`
 * pre-norm encoder blocks (masked multi-head self-attention + ReLU feed-forward,
 * residuals), a final layer norm, then a masked mean over all tokens is
 * concatenated with the context token's output and a ReLU head predicts
 * `y = ln((RR2 + c)/(RR + c))` on the two engines' risk requirements (before the
 * net option value NOV, which both engines compute identically), so
 * `SPAN2 ≈ max(0, (RR + c)e^y − c − NOV) = (1 + δ)·SPAN`. No positional encoding: shuffling
 * positions cannot change the output; padded tokens are masked out of the
 * attention keys and of the pooling, so padding cannot change it either.
 * (The attention is written here rather than reusing `lib/nn/multi_head_attention.ts`,
 * which has no key mask; the dense layers, layer norms, Huber loss, Adam and the
 * training loop are lib/nn's.)
 *
 * **MLP** baseline: the same target from hand-aggregated portfolio features.
 *
 * Weights are plain `Float32Array`s ({@link ModelWeights}); `inference.ts` runs the
 * same forward pass in plain TypeScript for sub-millisecond single-portfolio latency.
 *
 * @example
 * ```ts
 * import { initWeights } from "./model.ts";
 * const w = initWeights({ kind: "transformer", dModel: 32, heads: 4, layers: 2, dff: 64, hidden: 64, seed: 1 });
 * Object.keys(w.tensors).length;
 * ```
 * @module
 */
import { createPrng, permutation, type Prng } from "../core/prng.ts";
import { ensureBackend, tf } from "../nn/tf_backend.ts";
import { huberOp } from "../nn/huber_loss.ts";
import { layerNormOp } from "../nn/layer_norm.ts";
import { linear } from "../nn/linear_op.ts";
import { trainLoop } from "../nn/train_loop.ts";
import { AGG_FEATURES, CONTEXT_TOKEN_FEATURES, TOKEN_FEATURES } from "./tokenizer.ts";

/** Architecture. */
export interface ModelConfig {
  kind: "transformer" | "mlp";
  /** Model width (transformer). */
  dModel: number;
  /** Attention heads (divide dModel). */
  heads: number;
  /** Encoder blocks. */
  layers: number;
  /** Feed-forward width. */
  dff: number;
  /** Hidden width of the prediction head / MLP layers. */
  hidden: number;
  /** Initialiser seed. */
  seed: number;
}

/** A named tensor. */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** Model weights and input standardisation. */
export interface ModelWeights {
  config: ModelConfig;
  tensors: Record<string, NamedTensor>;
  /** Mean/std of token, context and aggregate features (training set). */
  norm: {
    tokMean: Float32Array;
    tokStd: Float32Array;
    ctxMean: Float32Array;
    ctxStd: Float32Array;
    aggMean: Float32Array;
    aggStd: Float32Array;
  };
}

/**
 * Validate a model configuration.
 *
 * @throws {RangeError} naming the field and value
 * @example
 * ```ts
 * checkConfig({ kind: "mlp", dModel: 32, heads: 4, layers: 2, dff: 64, hidden: 64, seed: 1 });
 * ```
 */
export function checkConfig(c: ModelConfig): void {
  if (c.kind !== "transformer" && c.kind !== "mlp") {
    throw new RangeError(`ModelConfig.kind must be "transformer" or "mlp", got ${String(c.kind)}`);
  }
  for (const k of ["dModel", "heads", "layers", "dff", "hidden"] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 1) {
      throw new RangeError(`ModelConfig.${k} must be an integer >= 1, got ${c[k]}`);
    }
  }
  if (c.dModel % c.heads !== 0) {
    throw new RangeError(`ModelConfig.heads (${c.heads}) must divide ModelConfig.dModel (${c.dModel})`);
  }
  if (!Number.isInteger(c.seed)) throw new RangeError(`ModelConfig.seed must be an integer, got ${c.seed}`);
}

function glorot(rng: Prng, fanIn: number, fanOut: number): NamedTensor {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  const data = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < data.length; i++) data[i] = (2 * rng.next() - 1) * lim;
  return { shape: [fanIn, fanOut], data };
}
const fill = (n: number, v: number): NamedTensor => ({ shape: [n], data: new Float32Array(n).fill(v) });

/**
 * Seeded initial weights (Glorot-uniform matrices, zero biases, unit layer-norm gains) and identity standardisation.
 *
 * @example
 * ```ts
 * initWeights({ kind: "transformer", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 3 }).tensors.Wt.shape; // [41, 16]
 * ```
 */
export function initWeights(config: ModelConfig): ModelWeights {
  checkConfig(config);
  const rng = createPrng(config.seed);
  const t: Record<string, NamedTensor> = {};
  const { dModel: d, dff, hidden } = config;
  if (config.kind === "transformer") {
    t.Wt = glorot(rng, TOKEN_FEATURES, d);
    t.bt = fill(d, 0);
    t.Wc = glorot(rng, AGG_FEATURES, d);
    t.bc = fill(d, 0);
    for (let l = 0; l < config.layers; l++) {
      t[`l${l}.g1`] = fill(d, 1);
      t[`l${l}.b1`] = fill(d, 0);
      for (const n of ["q", "k", "v", "o"]) {
        t[`l${l}.W${n}`] = glorot(rng, d, d);
        t[`l${l}.b${n}`] = fill(d, 0);
      }
      t[`l${l}.g2`] = fill(d, 1);
      t[`l${l}.b2`] = fill(d, 0);
      t[`l${l}.W1`] = glorot(rng, d, dff);
      t[`l${l}.c1`] = fill(dff, 0);
      t[`l${l}.W2`] = glorot(rng, dff, d);
      t[`l${l}.c2`] = fill(d, 0);
    }
    t.gf = fill(d, 1);
    t.bf = fill(d, 0);
    t.Wh1 = glorot(rng, 2 * d, hidden);
    t.bh1 = fill(hidden, 0);
  } else {
    t.Wh0 = glorot(rng, AGG_FEATURES, hidden);
    t.bh0 = fill(hidden, 0);
    t.Wh1 = glorot(rng, hidden, hidden);
    t.bh1 = fill(hidden, 0);
  }
  t.Wh2 = glorot(rng, hidden, 1);
  t.bh2 = fill(1, 0);
  const ones = (n: number) => new Float32Array(n).fill(1);
  return {
    config,
    tensors: t,
    norm: {
      tokMean: new Float32Array(TOKEN_FEATURES),
      tokStd: ones(TOKEN_FEATURES),
      ctxMean: new Float32Array(CONTEXT_TOKEN_FEATURES),
      ctxStd: ones(CONTEXT_TOKEN_FEATURES),
      aggMean: new Float32Array(AGG_FEATURES),
      aggStd: ones(AGG_FEATURES),
    },
  };
}

/** One training example (raw, unstandardised features). */
export interface Example {
  n: number;
  tokens: Float32Array;
  context: Float32Array;
  agg: Float32Array;
}

function meanStd(rows: Float32Array[], width: number, count: (r: Float32Array) => number) {
  const mean = new Float64Array(width), sq = new Float64Array(width);
  let N = 0;
  for (const r of rows) {
    const n = count(r);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < width; j++) {
        const v = r[i * width + j];
        mean[j] += v;
        sq[j] += v * v;
      }
    }
    N += n;
  }
  const m = new Float32Array(width), s = new Float32Array(width);
  for (let j = 0; j < width; j++) {
    const mu = mean[j] / N;
    const sd = Math.sqrt(Math.max(0, sq[j] / N - mu * mu));
    m[j] = mu;
    s[j] = sd > 1e-6 ? sd : 1;
  }
  return { m, s };
}

/**
 * Fit the input standardisation on training examples (tokens over valid positions only).
 *
 * @example
 * ```ts
 * import { buildMarketDay, createPrng, createTokenizer, generatePortfolio, syntheticPanel } from "./mod.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const tok = createTokenizer(day);
 * const rng = createPrng(1);
 * const examples = Array.from({ length: 32 }, () => {
 *   const t = tok.tokenize(generatePortfolio(rng, day, { maxPositions: 5 }));
 *   return { n: t.n, tokens: t.tokens, context: t.context, agg: tok.aggregate(t) };
 * });
 * const w = initWeights({ kind: "mlp", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 3 });
 * fitNormalisation(w, examples);
 * console.log(w.norm.tokMean[11], w.norm.tokStd[11]); // mean and standard deviation of the vol feature
 * ```
 */
export function fitNormalisation(w: ModelWeights, examples: readonly Example[]): void {
  if (examples.length === 0) throw new RangeError("fitNormalisation: examples is empty");
  const tok = meanStd(examples.map((e) => e.tokens), TOKEN_FEATURES, (r) => r.length / TOKEN_FEATURES);
  const ctx = meanStd(examples.map((e) => e.context), CONTEXT_TOKEN_FEATURES, () => 1);
  const agg = meanStd(examples.map((e) => e.agg), AGG_FEATURES, () => 1);
  // one-hot token fields keep their 0/1 coding (a categorical embedding)
  for (let j = 0; j < 9; j++) {
    tok.m[j] = 0;
    tok.s[j] = 1;
  }
  w.norm = { tokMean: tok.m, tokStd: tok.s, ctxMean: ctx.m, ctxStd: ctx.s, aggMean: agg.m, aggStd: agg.s };
}

/** A batch in tensor-ready arrays. */
interface Batch {
  B: number;
  L: number;
  tok: Float32Array;
  mask: Float32Array;
  ctx: Float32Array;
  agg: Float32Array;
}

function makeBatch(w: ModelWeights, ex: readonly Example[], idx: ArrayLike<number>): Batch {
  const B = idx.length;
  let L = 1;
  for (let i = 0; i < B; i++) L = Math.max(L, ex[idx[i]].n);
  const NF = TOKEN_FEATURES, NC = CONTEXT_TOKEN_FEATURES, NA = AGG_FEATURES;
  const tok = new Float32Array(B * L * NF), mask = new Float32Array(B * L);
  const ctx = new Float32Array(B * NC), agg = new Float32Array(B * NA);
  const { tokMean, tokStd, ctxMean, ctxStd, aggMean, aggStd } = w.norm;
  for (let b = 0; b < B; b++) {
    const e = ex[idx[b]];
    for (let i = 0; i < e.n; i++) {
      mask[b * L + i] = 1;
      const o = (b * L + i) * NF;
      for (let j = 0; j < NF; j++) tok[o + j] = (e.tokens[i * NF + j] - tokMean[j]) / tokStd[j];
    }
    for (let j = 0; j < NC; j++) ctx[b * NC + j] = (e.context[j] - ctxMean[j]) / ctxStd[j];
    for (let j = 0; j < NA; j++) agg[b * NA + j] = (e.agg[j] - aggMean[j]) / aggStd[j];
  }
  return { B, L, tok, mask, ctx, agg };
}

type Vars = Record<string, tf.Variable>;

const layerNorm = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => layerNormOp(x, g, b, 1e-5);

function forwardTf(cfg: ModelConfig, v: Vars, batch: Batch): tf.Tensor1D {
  const { B, L } = batch;
  const dense = (x: tf.Tensor2D, W: string, b: string, act: "linear" | "relu" = "linear") =>
    linear(x, v[W] as tf.Tensor2D, v[b] as tf.Tensor1D, act);
  if (cfg.kind === "mlp") {
    const a = tf.tensor2d(batch.agg, [B, AGG_FEATURES]);
    const h0 = dense(a, "Wh0", "bh0", "relu");
    const h1 = dense(h0, "Wh1", "bh1", "relu");
    return tf.reshape(dense(h1, "Wh2", "bh2"), [B]) as tf.Tensor1D;
  }
  const d = cfg.dModel, H = cfg.heads, dk = d / H, L1 = L + 1;
  const tok = tf.tensor2d(batch.tok, [B * L, TOKEN_FEATURES]);
  const ctx = tf.tensor2d(batch.agg, [B, AGG_FEATURES]);
  const xt = tf.reshape(dense(tok, "Wt", "bt"), [B, L, d]);
  const xc = tf.reshape(dense(ctx, "Wc", "bc"), [B, 1, d]);
  let x: tf.Tensor = tf.concat([xc, xt], 1); // [B, L1, d]
  const m = tf.concat([tf.ones([B, 1]), tf.tensor2d(batch.mask, [B, L])], 1); // [B, L1]
  const bias = tf.reshape(tf.mul(tf.sub(1, m), -1e9), [B, 1, 1, L1]);
  for (let l = 0; l < cfg.layers; l++) {
    const h = tf.reshape(layerNorm(x, v[`l${l}.g1`], v[`l${l}.b1`]), [B * L1, d]) as tf.Tensor2D;
    const proj = (n: string) =>
      tf.transpose(tf.reshape(dense(h, `l${l}.W${n}`, `l${l}.b${n}`), [B, L1, H, dk]), [0, 2, 1, 3]) as tf.Tensor4D;
    const q = proj("q"), k = proj("k"), vv = proj("v");
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dk)), bias);
    const att = tf.softmax(scores, -1) as tf.Tensor4D;
    const o = tf.reshape(tf.transpose(tf.matMul(att, vv), [0, 2, 1, 3]), [B * L1, d]) as tf.Tensor2D;
    x = tf.add(x, tf.reshape(dense(o, `l${l}.Wo`, `l${l}.bo`), [B, L1, d]));
    const h2 = tf.reshape(layerNorm(x, v[`l${l}.g2`], v[`l${l}.b2`]), [B * L1, d]) as tf.Tensor2D;
    const f = dense(dense(h2, `l${l}.W1`, `l${l}.c1`, "relu"), `l${l}.W2`, `l${l}.c2`);
    x = tf.add(x, tf.reshape(f, [B, L1, d]));
  }
  x = layerNorm(x, v.gf, v.bf);
  const m3 = tf.reshape(m, [B, L1, 1]);
  const pooled = tf.div(tf.sum(tf.mul(x, m3), 1), tf.sum(m3, 1)) as tf.Tensor2D; // [B, d]
  const first = tf.reshape(tf.slice(x, [0, 0, 0], [B, 1, d]), [B, d]) as tf.Tensor2D;
  const z = tf.concat([pooled, first], 1) as tf.Tensor2D;
  const h1 = dense(z, "Wh1", "bh1", "relu");
  return tf.reshape(dense(h1, "Wh2", "bh2"), [B]) as tf.Tensor1D;
}

function toVars(w: ModelWeights): Vars {
  const v: Vars = {};
  for (const [k, t] of Object.entries(w.tensors)) {
    v[k] = tf.variable(tf.tensor(t.data, t.shape), true, `dm_${k}_${w.config.seed}`);
  }
  return v;
}

function readVars(w: ModelWeights, v: Vars): void {
  for (const k of Object.keys(w.tensors)) {
    w.tensors[k] = { shape: w.tensors[k].shape, data: v[k].dataSync() as Float32Array };
  }
}

/** Length-sorted index order (stable) so batches carry little padding. */
function lengthSorted(ex: readonly Example[], order: ArrayLike<number>): number[] {
  const out = Array.from(order);
  return out.sort((a, b) => ex[a].n - ex[b].n || 0);
}

/**
 * Predict `y` for examples with the tfjs forward pass (batched; order of `examples` kept).
 *
 * @example
 * ```ts
 * import { buildMarketDay, createPrng, createTokenizer, generatePortfolio, syntheticPanel } from "./mod.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const tok = createTokenizer(day);
 * const rng = createPrng(1);
 * const examples = Array.from({ length: 32 }, () => {
 *   const t = tok.tokenize(generatePortfolio(rng, day, { maxPositions: 5 }));
 *   return { n: t.n, tokens: t.tokens, context: t.context, agg: tok.aggregate(t) };
 * });
 * const w = initWeights({ kind: "transformer", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 3 });
 * fitNormalisation(w, examples);
 * const y = await predictTf(w, examples); // y[i] = ln((RR2 + c)/(RR + c)) predicted for examples[i]
 * console.log(y.length); // 32
 * ```
 */
export async function predictTf(w: ModelWeights, examples: readonly Example[], batchSize = 512): Promise<Float64Array> {
  await ensureBackend();
  const v = toVars(w);
  try {
    return predictWithVars(w, v, examples, batchSize);
  } finally {
    for (const x of Object.values(v)) x.dispose();
  }
}

function predictWithVars(w: ModelWeights, v: Vars, examples: readonly Example[], batchSize: number): Float64Array {
  const out = new Float64Array(examples.length);
  const order = lengthSorted(examples, Array.from({ length: examples.length }, (_, i) => i));
  for (let s = 0; s < order.length; s += batchSize) {
    const idx = order.slice(s, s + batchSize);
    const batch = makeBatch(w, examples, idx);
    const y = tf.tidy(() => forwardTf(w.config, v, batch));
    const d = y.dataSync();
    y.dispose();
    for (let i = 0; i < idx.length; i++) out[idx[i]] = d[i];
  }
  return out;
}

/** Training options. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Final learning rate (linear decay per epoch). */
  finalLearningRate: number;
  /** Huber loss threshold in units of y. */
  huberDelta: number;
  /** Shuffling seed. */
  seed: number;
  /**
   * Early stopping: stop after this many epochs without a lower validation score (the learning-rate schedule still
   * runs over `epochs`, the cap). Default `Infinity` (train every epoch).
   */
  patience?: number;
  /**
   * Portfolios per epoch: each epoch trains on a fresh seeded subset of this many training portfolios (default: all
   * of them, every epoch). Smaller epochs make early stopping and the schedule react at a finer grain.
   */
  epochSample?: number;
  /**
   * Reduce-on-plateau schedule instead of the linear decay: the rate is multiplied by `factor` after `patience`
   * epochs without a lower validation score, never below `finalLearningRate`.
   */
  plateau?: { factor: number; patience: number };
  /**
   * An epoch counts as an improvement (for early stopping, the plateau schedule and the weights kept) only when it
   * lowers the best validation score by more than this (default 0: any decrease).
   */
  minImprovement?: number;
  /** Called after each epoch (0-based) with the validation score (lower is better) and the epoch's learning rate. */
  onEpoch?: (epoch: number, trainLoss: number, valScore: number, learningRate: number) => void;
}

/**
 * One epoch's batches: a seeded shuffle (its first `sample` rows when `sample` is below the training set's size)
 * stably sorted by portfolio length (little padding), cut into batches of `batchSize`, the batches in seeded order.
 *
 * @example
 * ```ts ignore
 * lengthBatches(train, 512, createPrng(1), 25_000); // ~49 batches of the lengths-sorted subset
 * ```
 */
export function lengthBatches(
  train: readonly Example[],
  batchSize: number,
  rng: Prng,
  sample = Infinity,
): Int32Array[] {
  const perm = permutation(train.length, rng);
  const order = lengthSorted(train, sample < train.length ? perm.subarray(0, sample) : perm);
  const starts: number[] = [];
  for (let s = 0; s < order.length; s += batchSize) starts.push(s);
  return Array.from(
    permutation(starts.length, rng),
    (j) => Int32Array.from(order.slice(starts[j], starts[j] + batchSize)),
  );
}

/**
 * Train through lib/nn's loop (host Adam, learning rate decayed linearly per epoch from `learningRate` to
 * `finalLearningRate`) on the Huber loss of `y`, keeping the weights of the epoch with the best validation
 * score (`valScore(yHatVal)`, e.g. the median absolute USD error). Batches: {@link lengthBatches}.
 *
 * @throws {RangeError} on empty data, mismatched labels or a diverging loss
 * @example
 * ```ts
 * import { buildMarketDay, createPrng, createTokenizer, generatePortfolio, syntheticPanel } from "./mod.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const tok = createTokenizer(day);
 * const rng = createPrng(1);
 * const examples = Array.from({ length: 32 }, () => {
 *   const t = tok.tokenize(generatePortfolio(rng, day, { maxPositions: 5 }));
 *   return { n: t.n, tokens: t.tokens, context: t.context, agg: tok.aggregate(t) };
 * });
 * const y = examples.map((e) => 0.01 * e.n); // targets (e06: ln((RR2 + c)/(RR + c)) from the labels)
 * const w = initWeights({ kind: "mlp", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 3 });
 * fitNormalisation(w, examples);
 * const opts = { epochs: 2, batchSize: 16, learningRate: 1e-3, finalLearningRate: 1e-4, huberDelta: 0.1, seed: 1 };
 * const { bestEpoch, history } = await trainModel(w, examples, y, examples, () => 0, opts);
 * console.log(bestEpoch, history); // the weights kept are those of bestEpoch
 * ```
 */
export async function trainModel(
  w: ModelWeights,
  train: readonly Example[],
  y: ArrayLike<number>,
  val: readonly Example[],
  valScore: (yHat: Float64Array) => number,
  opts: TrainOptions,
): Promise<
  { bestEpoch: number; bestScore: number; history: { epoch: number; loss: number; val: number; lr: number }[] }
> {
  if (train.length === 0) throw new RangeError("trainModel: train is empty");
  if (y.length !== train.length) {
    throw new RangeError(`trainModel: y has ${y.length} labels for ${train.length} examples`);
  }
  await ensureBackend();
  const v = toVars(w);
  const varList = Object.values(v);
  const lrs: number[] = [];
  try {
    const res = trainLoop({
      kind: `deepmargin ${w.config.kind}`,
      variables: varList,
      nTrain: train.length,
      epochs: opts.epochs,
      batchSize: opts.batchSize,
      patience: opts.patience ?? Infinity,
      learningRate: opts.learningRate,
      schedule: opts.plateau === undefined
        ? { kind: "linear", final: opts.finalLearningRate }
        : { kind: "plateau", ...opts.plateau, min: opts.finalLearningRate },
      minImprovement: opts.minImprovement ?? 0,
      batchRng: createPrng(opts.seed),
      batches: (rng) => lengthBatches(train, opts.batchSize, rng, opts.epochSample),
      batchLoss: (idx) =>
        huberOp(forwardTf(w.config, v, makeBatch(w, train, idx)), Float32Array.from(idx, (i) => y[i]), opts.huberDelta),
      validLoss: () => valScore(predictWithVars(w, v, val, 512)),
      onEpoch: (e) => {
        lrs.push(e.learningRate);
        opts.onEpoch?.(e.epoch - 1, e.trainLoss, e.validLoss, e.learningRate);
      },
    });
    readVars(w, v); // the best epoch's weights (the loop restored them)
    return {
      bestEpoch: res.bestEpoch - 1,
      bestScore: res.bestValidLoss,
      history: res.trainLoss.map((loss, k) => ({ epoch: k, loss, val: res.validLoss[k], lr: lrs[k] })),
    };
  } finally {
    for (const x of varList) x.dispose();
  }
}
