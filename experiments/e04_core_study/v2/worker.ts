/**
 * e04 v2 fit worker: serves the walk-forward fit jobs with model variants and in-sample predictions
 * (`lib/study` `variantFitHandler`) on `lib/pipeline`'s worker pool. Every job is seeded on its own, so the
 * outcomes do not depend on which worker runs it.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { variantFitHandler } from "../../../lib/study/variant_fit_jobs.ts";

export { variantFitHandler };

serveWorker(variantFitHandler);
