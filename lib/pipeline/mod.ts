/**
 * The reproducible pipeline: stage declarations, validated params, the stage
 * harness, the content-hash cache runner, atomic writes and manifests, and the
 * worker pool (`runOnWorkers` / `serveWorker`).
 * @module
 */
export * from "./atomic.ts";
export * from "./params.ts";
export * from "./imports.ts";
export * from "./stage.ts";
export * from "./graph.ts";
export * from "./harness.ts";
export * from "./runner.ts";
export * from "./compare.ts";
export * from "./workers.ts";
