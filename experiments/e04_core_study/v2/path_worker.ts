/**
 * e04 v2 path worker: builds the synthetic market paths (`lib/study` `syntheticSeedPathHandler`) on `lib/pipeline`'s
 * worker pool. A path depends on its seed and the parameters only, so it does not matter which worker builds it.
 * @module
 */
import { serveWorker } from "../../../lib/pipeline/workers.ts";
import { syntheticSeedPathHandler } from "../../../lib/study/synthetic_path_jobs.ts";

serveWorker(syntheticSeedPathHandler);
