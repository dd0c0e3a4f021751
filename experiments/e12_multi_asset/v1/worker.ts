/**
 * e12 v1 fit worker: serves the panel's per-position and pooled fit jobs (`lib/study` `pooledFitHandler`) on
 * `lib/pipeline`'s worker pool. Every job is seeded on its own, so the outcomes do not depend on which worker runs it.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { pooledFitHandler } from "../../../lib/study/pooled_fit_jobs.ts";

serveWorker(pooledFitHandler);
