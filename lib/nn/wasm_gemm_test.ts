import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { ensureBackend, tf } from "./tf_backend.ts";
import { type GemmFn, gemmModule, WasmGemm } from "./wasm_gemm.ts";

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

Deno.test("WasmGemm: bit-identical to tf.matMul and tf.fused.matMul (bias, ReLU) on the wasm backend", async () => {
  await ensureBackend();
  const rng = createPrng(4);
  const g = new WasmGemm();
  const shapes = [[64, 32, 128], [64, 128, 32], [1280, 16, 64], [65, 8, 33], [7, 5, 3], [64, 32, 1], [3, 300, 5], [
    1,
    1,
    1,
  ]];
  for (const [n, k, m] of shapes) {
    const a = Float32Array.from({ length: n * k }, () => rng.next() * 2 - 1);
    const b = Float32Array.from({ length: k * m }, () => rng.next() * 2 - 1);
    const bias = Float32Array.from({ length: m }, () => rng.next() * 2 - 1);
    const [at, bt, biast] = [tf.tensor2d(a, [n, k]), tf.tensor2d(b, [k, m]), tf.tensor1d(bias)];
    const plain = tf.matMul(at, bt);
    assert.deepEqual(bits(g.gemm(a, b, null, n, k, m)), bits(plain.dataSync() as Float32Array), `plain ${n}×${k}×${m}`);
    for (const relu of [false, true]) {
      const fused = tf.fused.matMul({ a: at, b: bt, bias: biast, activation: relu ? "relu" : "linear" });
      assert.deepEqual(
        bits(g.gemm(a, b, bias, n, k, m, relu)),
        bits(fused.dataSync() as Float32Array),
        `bias relu=${relu} ${n}×${k}×${m}`,
      );
      fused.dispose();
      const unfused = tf.add(plain, biast);
      const act = relu ? tf.relu(unfused) : unfused;
      assert.deepEqual(
        bits(g.gemm(a, b, bias, n, k, m, relu, undefined, true)),
        bits(act.dataSync() as Float32Array),
        `bias last relu=${relu} ${n}×${k}×${m}`,
      );
      tf.dispose([unfused, act]);
    }
    tf.dispose([at, bt, biast, plain]);
  }
});

Deno.test("gemmModule: row strides (lda, ldb, ldc) multiply sub-matrices in place, as WasmGemm on their copies", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const gemm = new WebAssembly.Instance(gemmModule(), { env: { memory } }).exports.gemm as GemmFn;
  const f = new Float32Array(memory.buffer);
  const n = 5, k = 3, m = 6, lda = 7, ldb = 9, ldc = 11, A = 0, B = 64, C = 256;
  for (let i = 0; i < 200; i++) f[i] = Math.sin(i * 0.7) * 3;
  f.fill(-1, C, C + n * ldc);
  gemm(4 * A, 4 * B, 0, 4 * C, n, k, m, 0, lda, ldb, ldc);
  const sub = (o: number, r: number, c: number, ld: number) =>
    Float32Array.from({ length: r * c }, (_, i) => f[o + Math.floor(i / c) * ld + (i % c)]);
  const want = new WasmGemm().gemm(sub(A, n, k, lda), sub(B, k, m, ldb), null, n, k, m);
  assert.deepEqual(sub(C, n, m, ldc), want);
  assert.equal(f[C + m], -1, "columns past m untouched");
});

Deno.test("WasmGemm: transposedA (aᵀ·b of a stored [k, n]) equals the product of the transposed copy, bit for bit", () => {
  const g = new WasmGemm(), rng = createPrng(9);
  for (const [n, k, m] of [[16, 1280, 128], [5, 7, 3], [1, 9, 20], [33, 64, 17]]) {
    const at = Float32Array.from({ length: k * n }, () => rng.next() * 2 - 1); // [k, n]
    const b = Float32Array.from({ length: k * m }, () => rng.next() * 2 - 1);
    const a = new Float32Array(n * k);
    for (let p = 0; p < k; p++) for (let i = 0; i < n; i++) a[i * k + p] = at[p * n + i];
    assert.deepEqual(
      bits(g.gemm(at, b, null, n, k, m, false, undefined, false, true)),
      bits(g.gemm(a, b, null, n, k, m)),
      `${n}×${k}×${m}`,
    );
  }
});
