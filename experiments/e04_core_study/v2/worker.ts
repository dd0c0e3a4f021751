/**
 * e04 v2 fit worker: serves the networks' cross-validation jobs and the walk-forward fit jobs with model variants,
 * configurations and in-sample predictions (`lib/study` `tunedFitHandler`) on `lib/pipeline`'s worker pool. Every
 * job is seeded on its own, so the outcomes do not depend on which worker runs it.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { tunedFitHandler } from "../../../lib/study/series_hyper_cv.ts";

export { tunedFitHandler };

serveWorker(tunedFitHandler);
