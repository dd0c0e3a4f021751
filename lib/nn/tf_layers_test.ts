import assert from "node:assert/strict";
import { LayerNorm } from "./layer_norm.ts";
import { MultiHeadSelfAttention } from "./multi_head_attention.ts";
import { assertWasmFiles, DEFAULT_WASM_DIR, ensureBackend, tf } from "./tf_backend.ts";

Deno.test("ensureBackend: wasm backend, idempotent; missing files give a clear error", async () => {
  await ensureBackend();
  await ensureBackend();
  assert.equal(tf.getBackend(), "wasm");
  assert.equal(assertWasmFiles(DEFAULT_WASM_DIR.slice(0, -1)), DEFAULT_WASM_DIR);
  assert.throws(() => assertWasmFiles("/nonexistent/dir"), /tfjs-backend-wasm\.wasm not found.*deno install/);
});

Deno.test("LayerNorm: zero mean / unit variance over the last axis before gain and bias", async () => {
  await ensureBackend();
  const x = tf.tensor3d([[[1, 2, 3, 4], [10, 0, -10, 4]]]);
  const y = new LayerNorm().apply(x) as tf.Tensor;
  const v = y.dataSync();
  for (const off of [0, 4]) {
    const row = Array.from(v.slice(off, off + 4));
    const mu = row.reduce((a, b) => a + b) / 4;
    const va = row.reduce((a, b) => a + (b - mu) ** 2, 0) / 4;
    assert.ok(Math.abs(mu) < 1e-5 && Math.abs(va - 1) < 1e-3, `${mu} ${va}`);
  }
  tf.dispose([x, y]);
});

Deno.test("MultiHeadSelfAttention: shape, seeded init, permutation equivariance over time", async () => {
  await ensureBackend();
  const data = Array.from({ length: 2 * 5 * 8 }, (_, i) => Math.sin(i));
  const x = tf.tensor3d(data, [2, 5, 8]);
  const a = new MultiHeadSelfAttention({ heads: 2, seed: 3 }), b = new MultiHeadSelfAttention({ heads: 2, seed: 3 });
  const ya = a.apply(x) as tf.Tensor, yb = b.apply(x) as tf.Tensor;
  assert.deepEqual(ya.shape, [2, 5, 8]);
  assert.deepEqual(ya.dataSync(), yb.dataSync());
  // Reversing the time axis reverses the output (no positional information inside the layer).
  const xr = tf.reverse(x, 1);
  const yr = tf.reverse(a.apply(xr) as tf.Tensor, 1);
  const d = tf.max(tf.abs(tf.sub(yr, ya))).dataSync()[0];
  assert.ok(d < 1e-5, `max diff ${d}`);
  assert.throws(() => new MultiHeadSelfAttention({ heads: 3, seed: 1 }).apply(x), /divisible/);
  tf.dispose([x, ya, yb, xr, yr]);
});
