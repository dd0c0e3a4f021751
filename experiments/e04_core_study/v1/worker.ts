/**
 * e04 fit worker: serves the walk-forward fit jobs (`lib/study` `fitJobHandler`) on `lib/pipeline`'s worker
 * pool, so that the two cores fit different folds and seeds at once (tfjs wasm is single-threaded). Every job
 * is seeded on its own, so the outcomes do not depend on which worker runs it.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { fitJobHandler } from "../../../lib/study/fit_jobs.ts";

export { fitJobHandler };

serveWorker(fitJobHandler);
