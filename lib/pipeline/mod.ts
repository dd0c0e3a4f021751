/**
 * The reproducible pipeline: stage declarations, validated params, the stage
 * harness, the content-hash cache runner, atomic writes and manifests, and the
 * worker pool (`runOnWorkers` / `serveWorker`); the run lock, params `extends`,
 * the up-front params check and the symbolic-link refusal; the command-line convention of every task and stage
 * (`parseTaskArgs`, `taskMain`), `deno task status` (`pipelineStatus`), `deno task diff` (`diffProject`) and the
 * progress heartbeat.
 * @module
 */
export * from "./atomic.ts";
export * from "./params.ts";
export * from "./params_file.ts";
export * from "./imports.ts";
export * from "./stage.ts";
export * from "./graph.ts";
export * from "./harness.ts";
export * from "./runner.ts";
export * from "./compare.ts";
export * from "./lock.ts";
export * from "./manifest.ts";
export * from "./symlinks.ts";
export * from "./volatile.ts";
export { validateAllStageParams } from "./validate_params.ts";
export * from "./workers.ts";
export * from "./upstream_json.ts";
export * from "./cli.ts";
export * from "./progress.ts";
export * from "./status.ts";
export * from "./metrics_diff.ts";
