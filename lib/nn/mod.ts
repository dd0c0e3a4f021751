/**
 * The network engine shared by every trained model: the tfjs backend set-up, fast custom ops with hand-written
 * gradients (dense, LSTM sequence, layer norm, attention, losses), host-side Adam, the seeded training loop with
 * keep-best early stopping, the standardizer and the network-state codec.
 * @module
 */
export * from "./tf_backend.ts";
export * from "./layer_norm.ts";
export * from "./multi_head_attention.ts";
export * from "./linear_op.ts";
export * from "./lstm_op.ts";
export * from "./host_adam.ts";
export * from "./multiplier_objective.ts";
export * from "./softmax_cross_entropy.ts";
export * from "./train_loop.ts";
export * from "./network_state.ts";
export * from "./standardizer.ts";
export * from "./array_codec.ts";
