import assert from "node:assert/strict";
import { orthogonalInitializer, orthonormalColumns } from "./orthogonal_init.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("orthogonalInitializer: tfjs's orthogonal values to float32 rounding (tall, wide, square; gain)", async () => {
  await ensureBackend();
  for (
    const [shape, seed, gain] of [[[32, 128], 7, 1], [[128, 32], 3, 1], [[16, 16], 11, 2], [[4, 3, 5], 5, 1]] as const
  ) {
    const want = tf.initializers.orthogonal({ seed, gain }).apply(shape as unknown as number[]);
    const got = orthogonalInitializer({ seed, gain }).apply(shape as unknown as number[]);
    assert.deepEqual(got.shape, want.shape);
    const a = got.dataSync(), b = want.dataSync();
    let err = 0;
    for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
    assert.ok(err < 2e-5 * gain, `[${shape}] seed ${seed}: max difference ${err}`);
    tf.dispose([got, want]);
  }
});

Deno.test("orthonormalColumns: QᵀQ = I, Q·R reproduces A with R's diagonal ≥ 0", () => {
  const m = 9, n = 4, a = Float64Array.from({ length: m * n }, (_, i) => Math.sin(i * 1.3) + (i % 5) * 0.1);
  const q = orthonormalColumns(a, m, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += q[p * n + i] * q[p * n + j];
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12);
    }
  }
  // R = QᵀA is upper triangular with a non-negative diagonal, and QR = A
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rij = 0;
      for (let p = 0; p < m; p++) rij += q[p * n + i] * a[p * n + j];
      if (i > j) assert.ok(Math.abs(rij) < 1e-12);
      if (i === j) assert.ok(rij > 0);
    }
  }
  assert.throws(() => orthonormalColumns(new Float64Array(6), 2, 3), RangeError);
});
