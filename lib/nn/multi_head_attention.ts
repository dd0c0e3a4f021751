/**
 * Multi-head self-attention for tfjs (which has no such layer): scaled
 * dot-product attention over the time axis of a `[batch, L, dModel]` input,
 * `heads` heads of size `dModel/heads`, seeded Glorot initialisers.
 * @module
 */
import { inputShapeOf } from "./layer_args.ts";
import { batchMatMul } from "./batch_matmul_op.ts";
import { linear } from "./linear_op.ts";
import { tf } from "./tf_backend.ts";

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
      const h = this.heads, dk = d / h;
      const flat = tf.reshape(x, [bsz * L, d]) as tf.Tensor2D;
      const proj = (i: number): tf.Tensor4D => {
        const y = linear(flat, this.w[i].read() as tf.Tensor2D, this.b[i].read() as tf.Tensor1D);
        return tf.transpose(tf.reshape(y, [bsz, L, h, dk]), [0, 2, 1, 3]) as tf.Tensor4D; // [b, h, L, dk]
      };
      const q = proj(0), k = proj(1), v = proj(2);
      // Host batched products (bit-identical to tf.matMul and its gradients, several times faster here).
      const scores = tf.mul(batchMatMul(q, k, true), 1 / Math.sqrt(dk)); // [b, h, L, L]
      const att = tf.softmax(scores, -1);
      const ctx = tf.transpose(batchMatMul(att, v), [0, 2, 1, 3]); // [b, L, h, dk]
      const merged = tf.reshape(ctx, [bsz * L, d]) as tf.Tensor2D;
      const out = linear(merged, this.w[3].read() as tf.Tensor2D, this.b[3].read() as tf.Tensor1D);
      return tf.reshape(out, [bsz, L, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed };
  }
}
