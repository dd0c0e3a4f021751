/**
 * e12 v1 fit worker: serves the panel's CV jobs and its per-position and pooled fit jobs, each with its chosen
 * network configuration (`lib/study` `panelFitHandler`) on `lib/pipeline`'s worker pool. Every job is seeded on its
 * own, so the outcomes do not depend on which worker runs it.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { panelFitHandler } from "../../../lib/study/panel_hyper_cv.ts";

serveWorker(panelFitHandler);
