/**
 * A seeded orthogonal initializer whose QR decomposition runs on the host: tfjs's `orthogonal` initializer (the same
 * seeded normal matrix `[max(r, c), min(r, c)]`, the Q factor of its QR decomposition with R's diagonal made
 * positive, transposed for a wide shape, times the gain), with the QR computed by Householder reflections in float64
 * ({@link orthonormalColumns}) instead of tfjs's op-by-op float32 `linalg.qr`, which takes tens of milliseconds for
 * the LSTM's `[32, 128]` recurrent kernel — a tenth of a whole training run in the benchmark. Q with a positive R
 * diagonal is unique, so the values agree with tfjs's to float32 rounding (`orthogonal_init_test.ts`).
 * @module
 */
import { tf } from "./tf_backend.ts";
import type { Initializer } from "./linear_op.ts";

/**
 * The Q factor (`[rows, cols]`, `rows ≥ cols`, row-major) of the QR decomposition of `a` with R's diagonal made
 * non-negative (each column multiplied by the sign of its diagonal entry of R, as tfjs does; 0 for a zero pivot),
 * by Householder reflections in float64.
 *
 * @throws {RangeError} when `rows < cols` or `a` is not `rows·cols` long
 * @example
 * ```ts
 * orthonormalColumns(Float64Array.of(3, 4), 2, 1); // [0.6, 0.8]
 * ```
 */
export function orthonormalColumns(a: Float64Array, rows: number, cols: number): Float64Array {
  if (rows < cols || a.length !== rows * cols) {
    throw new RangeError(`orthonormalColumns: need rows ≥ cols and ${rows}·${cols} values, got ${a.length}`);
  }
  const m = rows, n = cols, r = Float64Array.from(a), vs: Float64Array[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const x0 = r[k * n + k], alpha = x0 >= 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k];
    v[0] -= alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i] * v[i];
    vn = Math.sqrt(vn);
    if (vn > 0) { for (let i = 0; i < v.length; i++) v[i] /= vn; }
    vs.push(v);
    // R[k:, k:] ← (I − 2vvᵀ)·R[k:, k:]
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k] * r[i * n + j];
      for (let i = k; i < m; i++) r[i * n + j] -= 2 * v[i - k] * s;
    }
    diag[k] = r[k * n + k];
  }
  // Q = H_0·H_1·…·H_{n−1}·I[:, :n]
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k] * q[i * n + j];
      for (let i = k; i < m; i++) q[i * n + j] -= 2 * v[i - k] * s;
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] *= Math.sign(diag[j]);
  return q;
}

/** tfjs's `Initializer` base class (not exported by tfjs's public API). */
const InitializerBase = Object.getPrototypeOf(Object.getPrototypeOf(tf.initializers.zeros())).constructor as new () =>
Initializer;

/** {@link orthogonalInitializer} as a tfjs initializer class. */
class HostOrthogonal extends InitializerBase {
  static className = "DynimHostOrthogonal";
  constructor(private readonly seed: number | undefined, private readonly gain: number) {
    super();
  }
  override apply(shape: tf.Shape, dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new RangeError(`orthogonalInitializer: shape must be at least 2D, got [${shape}]`);
    if (dtype !== undefined && dtype !== "float32") {
      throw new TypeError(`orthogonalInitializer: float32 only, got ${dtype}`);
    }
    const rows = (shape.slice(0, -1) as number[]).reduce((p, s) => p * s, 1), cols = shape[shape.length - 1] as number;
    const big = Math.max(rows, cols), small = Math.min(rows, cols);
    const normal = tf.tidy(() => tf.randomNormal([big, small], 0, 1, "float32", this.seed).dataSync());
    const q = orthonormalColumns(Float64Array.from(normal), big, small);
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < big; i++) {
      for (let j = 0; j < small; j++) out[rows < cols ? j * cols + i : i * cols + j] = this.gain * q[i * small + j];
    }
    return tf.tensor(out, shape as number[], "float32");
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { seed: this.seed ?? null, gain: this.gain };
  }
}

/**
 * tfjs's `tf.initializers.orthogonal({ seed, gain })` with the QR decomposition on the host (see the module doc).
 *
 * @example
 * ```ts
 * import { ensureBackend } from "./tf_backend.ts";
 * await ensureBackend();
 * const w = orthogonalInitializer({ seed: 2 }).apply([4, 16]); // rows orthonormal
 * ```
 */
export function orthogonalInitializer(args: { seed?: number; gain?: number } = {}): Initializer {
  return new HostOrthogonal(args.seed, args.gain ?? 1);
}
