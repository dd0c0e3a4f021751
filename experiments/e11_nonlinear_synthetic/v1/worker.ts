/**
 * e11 worker: builds market paths, runs the MLPs' cross-validation fits and fits the walk-forward jobs (`lib/study`
 * `syntheticStudyHandler`) on
 * `lib/pipeline`'s worker pool. Every job is seeded on its own, so the outcomes do not depend on the worker.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { syntheticStudyHandler } from "../../../lib/study/synthetic_study.ts";

export { syntheticStudyHandler };

serveWorker(syntheticStudyHandler);
