/**
 * Multi-head self-attention for tfjs (which has no such layer): scaled
 * dot-product attention over the time axis of a `[batch, L, dModel]` input,
 * `heads` heads of size `dModel/heads`, seeded Glorot initialisers. The
 * attention itself (head split, `softmax(QKᵀ/√d_k)·V`, head merge) is one op
 * with a hand-written gradient ({@link attention}, on `attention_host.ts`).
 * @module
 */
import { inputShapeOf } from "./layer_args.ts";
import { AttentionWasm } from "./attention_host.ts";
import { linear } from "./linear_op.ts";
import { tf } from "./tf_backend.ts";

/**
 * Multi-head scaled dot-product attention of `q`, `k`, `v: [b, L, D]` with `heads` heads, as one tfjs op whose
 * forward and backward passes run on the host ({@link AttentionWasm}; pass `kernels` to reuse one instance, e.g. one
 * per layer: it holds its pass until the gradient is taken); differentiable in all three.
 *
 * @throws {RangeError} when the shapes differ or `D` is not a multiple of `heads`
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const x = tf.ones([2, 3, 4]);
 * const y = attention(x, x, x, 2); // [2, 3, 4]: uniform weights over equal keys, so y = v
 * ```
 */
export function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, heads: number, kernels?: AttentionWasm): tf.Tensor {
  const [b, L, D] = q.shape;
  if (q.rank !== 3 || !tf.util.arraysEqual(q.shape, k.shape) || !tf.util.arraysEqual(q.shape, v.shape)) {
    throw new RangeError(`attention: q [${q.shape}], k [${k.shape}], v [${v.shape}] must be one [b, L, D] shape`);
  }
  if (D % heads !== 0) throw new RangeError(`attention: D = ${D} is not divisible by heads = ${heads}`);
  const shape = { b, L, D, heads };
  const op = tf.customGrad((...args) => {
    const [qt, kt, vt] = args as tf.Tensor[];
    const a = kernels ?? new AttentionWasm();
    const y = a.forward(
      qt.dataSync() as Float32Array,
      kt.dataSync() as Float32Array,
      vt.dataSync() as Float32Array,
      shape,
    );
    return {
      value: tf.tensor3d(y, [b, L, D]),
      gradFunc: (dy: tf.Tensor) => {
        const g = a.backward(dy.dataSync() as Float32Array);
        return [tf.tensor3d(g.dq, [b, L, D]), tf.tensor3d(g.dk, [b, L, D]), tf.tensor3d(g.dv, [b, L, D])];
      },
    };
  });
  return op(q, k, v) as tf.Tensor;
}

/** Arguments of {@link MultiHeadSelfAttention}. */
export interface MultiHeadSelfAttentionArgs {
  /** Number of heads; must divide the model width. */
  readonly heads: number;
  /** Seed of the four projection initialisers (seed, seed+1, …). */
  readonly seed: number;
  readonly name?: string;
}

/**
 * Self-attention `softmax(QKᵀ/√d_k)·V` per head, heads concatenated and
 * projected back to `dModel`. No mask: every window row is already ≤ t.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const x = tf.input({ shape: [10, 16] });
 * const y = new MultiHeadSelfAttention({ heads: 4, seed: 1 }).apply(x) as tf.SymbolicTensor; // [null, 10, 16]
 * ```
 */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  /** tfjs class name. */
  static className = "DynimMultiHeadSelfAttention";
  private readonly heads: number;
  private readonly seed: number;
  private w: tf.LayerVariable[] = [];
  private b: tf.LayerVariable[] = [];
  private readonly kernels = new AttentionWasm();

  constructor(args: MultiHeadSelfAttentionArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.heads) || args.heads < 1) {
      throw new RangeError(`MultiHeadSelfAttention: heads must be an integer ≥ 1, got ${args.heads}`);
    }
    this.heads = args.heads;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShapeOf(inputShape);
    const d = shape[shape.length - 1] as number;
    if (d % this.heads !== 0) {
      throw new RangeError(`MultiHeadSelfAttention: model width ${d} is not divisible by heads = ${this.heads}`);
    }
    const names = ["q", "k", "v", "o"];
    this.w = names.map((n, i) =>
      this.addWeight(`w_${n}`, [d, d], "float32", tf.initializers.glorotUniform({ seed: this.seed + i }))
    );
    this.b = names.map((n) => this.addWeight(`b_${n}`, [d], "float32", tf.initializers.zeros()));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [bsz, L, d] = x.shape;
      const h = this.heads;
      const flat = tf.reshape(x, [bsz * L, d]) as tf.Tensor2D;
      const proj = (i: number): tf.Tensor =>
        tf.reshape(linear(flat, this.w[i].read() as tf.Tensor2D, this.b[i].read() as tf.Tensor1D), [bsz, L, d]);
      const ctx = attention(proj(0), proj(1), proj(2), h, this.kernels);
      const merged = tf.reshape(ctx, [bsz * L, d]) as tf.Tensor2D;
      const out = linear(merged, this.w[3].read() as tf.Tensor2D, this.b[3].read() as tf.Tensor1D);
      return tf.reshape(out, [bsz, L, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed };
  }
}
