/**
 * Batched matrix product `C[β] = A[β]·B[β]` (or `A[β]·B[β]ᵀ`) over any leading batch axes, as a tfjs op whose
 * forward and backward passes run on the host ({@link WasmGemm}): tfjs's wasm backend computes small batched
 * products (attention's `[b, h, L, d]` scores and context) one batch at a time, and its gradients use transposed
 * products that take a slow path. The values are those of `tf.matMul` and its gradients, bit for bit (the same
 * float order: each sum in index order, one rounding per product and per addition).
 * @module
 */
import { tf } from "./tf_backend.ts";
import { WasmGemm } from "./wasm_gemm.ts";
import { transposeInto } from "./dense_stack_host.ts";

let gemm: WasmGemm | undefined;

/** `out[β] = x[β]ᵀ` for `count` matrices `[rows, cols]`. */
function transposeBatch(x: Float32Array, count: number, rows: number, cols: number): Float32Array {
  const out = new Float32Array(x.length), size = rows * cols;
  for (let s = 0; s < count; s++) {
    transposeInto(x.subarray(s * size, (s + 1) * size), rows, cols, out.subarray(s * size, (s + 1) * size));
  }
  return out;
}

/** `c[β] = a[β]·b[β]` for `count` products `[n, k]·[k, m]`. */
function productBatch(a: Float32Array, b: Float32Array, count: number, n: number, k: number, m: number): Float32Array {
  const g = gemm ??= new WasmGemm();
  const c = new Float32Array(count * n * m);
  for (let s = 0; s < count; s++) {
    g.gemm(
      a.subarray(s * n * k, (s + 1) * n * k),
      b.subarray(s * k * m, (s + 1) * k * m),
      null,
      n,
      k,
      m,
      false,
      c.subarray(s * n * m, (s + 1) * n * m),
    );
  }
  return c;
}

/**
 * `a·b` (`transposeB`: `a·bᵀ`) over the last two axes, batched over the leading ones (same in `a` and `b`);
 * differentiable in both.
 *
 * @throws {RangeError} when the ranks, batch axes or inner sizes do not match
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const c = batchMatMul(tf.ones([2, 3, 4]), tf.ones([2, 5, 4]), true); // [2, 3, 5], every entry 4
 * ```
 */
export function batchMatMul(a: tf.Tensor, b: tf.Tensor, transposeB = false): tf.Tensor {
  const r = a.rank;
  if (r < 2 || b.rank !== r || a.shape.slice(0, -2).some((s, i) => s !== b.shape[i])) {
    throw new RangeError(`batchMatMul: shapes [${a.shape}] and [${b.shape}] do not share batch axes`);
  }
  const n = a.shape[r - 2], k = a.shape[r - 1];
  const m = transposeB ? b.shape[r - 2] : b.shape[r - 1];
  if ((transposeB ? b.shape[r - 1] : b.shape[r - 2]) !== k) {
    throw new RangeError(`batchMatMul: inner sizes of [${a.shape}] and [${b.shape}] differ (transposeB ${transposeB})`);
  }
  const count = a.size / (n * k);
  const op = tf.customGrad((...args) => {
    const [at, bt] = args as [tf.Tensor, tf.Tensor];
    const A = at.dataSync() as Float32Array, B = bt.dataSync() as Float32Array;
    // B as [k, m] per batch
    const Bkm = transposeB ? transposeBatch(B, count, m, k) : B;
    const C = productBatch(A, Bkm, count, n, k, m);
    return {
      value: tf.tensor(C, [...a.shape.slice(0, -1), m]),
      gradFunc: (dy: tf.Tensor) => {
        const G = dy.dataSync() as Float32Array; // [n, m] per batch
        // ∂A = G·Bᵀ (B as [k, m]) = G·(B[m, k] when transposeB)
        const dA = productBatch(G, transposeB ? B : transposeBatch(B, count, k, m), count, n, m, k);
        // ∂B: plain = Aᵀ·G ([k, m]); transposeB = Gᵀ·A ([m, k])
        const dB = transposeB
          ? productBatch(transposeBatch(G, count, n, m), A, count, m, n, k)
          : productBatch(transposeBatch(A, count, n, k), G, count, k, n, m);
        return [tf.tensor(dA, at.shape), tf.tensor(dB, bt.shape)];
      },
    };
  });
  return op(a, b) as tf.Tensor;
}
