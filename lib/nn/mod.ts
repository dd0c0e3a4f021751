/**
 * The network engine: every trained network of the workspace (lib/models' MLP, LSTM, Transformer and action
 * classifier; lib/deepmargin's set transformer and MLP) trains through it.
 *
 * - **Backend**: `ensureBackend` / `tf` (tfjs on the wasm SIMD backend, bit-deterministic with seeded
 *   initialisers).
 * - **Ops** with hand-written gradients: `linear` / `Linear` (dense), `lstmSequence` / `Lstm` (LSTM over a sequence),
 *   `batchMatMul` (batched products), `layerNorm` / `LayerNorm` (fused layer norm; `layerNormOp` the plain formula),
 *   `attention` / `MultiHeadSelfAttention` (heads, softmax and products as one host op, `AttentionWasm`); losses
 *   (`hostLossOp`) `multiplierObjective` (pinball / mse on the bounded multiplier), `crossEntropyOp` (weighted
 *   softmax cross-entropy), `huberOp` (mean Huber loss). The matrix products of `linear`, `lstmSequence` and
 *   `batchMatMul` run on `WasmGemm` (WebAssembly SIMD in tfjs's float order: bit-identical to `tf.matMul`); the
 *   whole LSTM sequence runs in one WebAssembly memory (`LstmWasm`, with the float32 SIMD exp / logistic / tanh of
 *   `wasm_math.ts`).
 * - **Host training**: a `HostNetwork` (`DenseStackHost` for MLPs, `LstmHeadHost` for an LSTM with a dense head,
 *   `TransformerHost` for the Transformer encoder, to float32 rounding of tfjs autodiff)
 *   computes loss and gradients without tfjs kernels, equal to tfjs autodiff of the same network (bit for bit for
 *   the dense stacks; the LSTM's own op `lstmSequence` shares its kernels, so its tfjs and host paths agree bit for
 *   bit too);
 *   `trainLoop`'s `hostLoss` mode keeps the weights on the host during an epoch (`Scratch` work arrays).
 * - **Optimiser**: `HostAdam` (tfjs's Adam rule on the host, one pass per variable; settable learning rate;
 *   `stepHost` / `writeBack` for host training).
 * - **Training loop**: `trainLoop` — seeded batches (or the model's own `batches`), a learning-rate schedule
 *   (`constant` or per-epoch `linear` decay, `learningRateAt`), keep-best by the caller's validation score with
 *   patience, the best epoch's weights restored; `fitSetup` / `loopHyper` for the forecasters' set-up.
 * - **State**: `fitStandardizer` / `standardize`, `encodeNetworkState` / `decodeNetworkState` (weights and
 *   scaler as JSON), `encodeArray` / `decodeArray`.
 *
 * lib/nn depends on lib/core only (layer 4: it must not import lib/targets, lib/features or lib/models).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { ensureBackend, huberOp, tf, trainLoop } from "./mod.ts";
 * await ensureBackend();
 * const w = tf.variable(tf.zeros([1])), x = Float32Array.of(1, 2, 3, 4), y = Float32Array.of(2, 4, 6, 8);
 * const res = trainLoop({
 *   kind: "demo", variables: [w], nTrain: 4, epochs: 3, batchSize: 2, patience: Infinity, learningRate: 0.1,
 *   schedule: { kind: "linear", final: 0.01 }, batchRng: createPrng(1),
 *   batchLoss: (idx) => huberOp(tf.mul(tf.tensor1d(Float32Array.from(idx, (i) => x[i])), w), Float32Array.from(idx, (i) => y[i]), 1),
 *   validLoss: () => Math.abs(2 - w.dataSync()[0]),
 * });
 * console.log(res.bestEpoch, w.dataSync()[0]); // weights of the best epoch
 * ```
 * @module
 */
export * from "./tf_backend.ts";
export * from "./layer_norm.ts";
export * from "./multi_head_attention.ts";
export * from "./linear_op.ts";
export * from "./lstm_op.ts";
export * from "./lstm_wasm.ts";
export * from "./orthogonal_init.ts";
export * from "./host_adam.ts";
export * from "./multiplier_objective.ts";
export * from "./softmax_cross_entropy.ts";
export * from "./huber_loss.ts";
export * from "./train_loop.ts";
export * from "./network_state.ts";
export * from "./standardizer.ts";
export * from "./array_codec.ts";
export * from "./wasm_gemm.ts";
export * from "./dense_stack_host.ts";
export * from "./host_network.ts";
export * from "./transformer_host.ts";
export * from "./scratch.ts";
export * from "./batch_matmul_op.ts";
export * from "./attention_host.ts";
export * from "./host_loss_op.ts";
export * from "./layer_args.ts";
