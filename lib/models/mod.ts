/**
 * Multiplier models behind one {@link Forecaster} interface: MLP, LSTM,
 * Transformer encoder (tfjs, wasm backend), quantile regression forest, linear
 * quantile regression, the static benchmark and the EMIR APC baselines; the
 * raise/keep/lower classifier of the alternative target; the shared dataset
 * validation and model configuration. The networks train through the network
 * engine in `lib/nn` (backend set-up, ops with hand-written gradients, host
 * Adam, the training loop); the contract suite every forecaster passes is
 * `lib/testing/forecaster_contract.ts`.
 * @module
 */
export * from "./forecaster.ts";
export * from "./dataset.ts";
export * from "./model_config.ts";
export * from "./neural_forecaster.ts";
export * from "./mlp.ts";
export * from "./lstm.ts";
export * from "./transformer.ts";
export * from "./action_classifier.ts";
export * from "./quantile_forest.ts";
export * from "./linear_quantile.ts";
export * from "./static_multiplier.ts";
export * from "./apc_baseline.ts";
export * from "./load_forecaster.ts";
