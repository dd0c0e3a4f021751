/**
 * Run the pipeline: every stale stage, its figures and the paper.
 *
 *   deno task reproduce [--profile quick|full] [--only <stage|alias|figure|paper> ...] [--force] [--jobs N]
 *   deno task reproduce --refresh-manifests
 *
 * Unchanged stages are skipped by the content-hash cache (.cache/pipeline);
 * independent stages run in parallel child processes, each with scoped
 * permissions and no network. Progress goes to stderr.
 * @module
 */
import { refreshManifests, runPipeline } from "../lib/pipeline/runner.ts";
import { parseProfile, type Profile } from "../lib/pipeline/params.ts";

const HELP = `deno task reproduce [options]
  --profile quick|full   parameter set (default full: the paper's numbers; quick: CI-sized)
  --only ID              build only ID and what it needs (stage id, alias such as e01, figure id, or paper); repeatable
  --force                ignore the cache
  --jobs N               parallel stages (default 2)
  --no-paper             stop after metrics and figures
  --update-volatile      write an output even when only its machine-dependent values (the stage's "volatile"
                         keys, e.g. e06 latency) changed; by default the file in place is kept and the fresh
                         values go to .cache/pipeline/runs/<stage>.<profile>.json
  --refresh-manifests    run nothing: rewrite every stage's manifest.{quick,full}.json from the current code,
                         params and the outputs in the tree (after a code change that left the metrics bitwise equal);
                         refused while an input or output has uncommitted changes, unless --allow-dirty`;

if (import.meta.main) {
  const args = [...Deno.args];
  if (args.includes("--help") || args.includes("-h")) {
    console.log(HELP);
    Deno.exit(0);
  }
  let profile: Profile = "full";
  const only: string[] = [];
  let force = false, jobs = 2, noPaper = false, refresh = false, allowDirty = false, updateVolatile = false;
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const val = () => {
        const v = args[++i];
        if (v === undefined) throw new RangeError(`${a} needs a value`);
        return v;
      };
      if (a === "--profile") profile = parseProfile(val());
      else if (a === "--only") only.push(val());
      else if (a === "--force") force = true;
      else if (a === "--no-paper") noPaper = true;
      else if (a === "--refresh-manifests") refresh = true;
      else if (a === "--allow-dirty") allowDirty = true;
      else if (a === "--update-volatile") updateVolatile = true;
      else if (a === "--jobs") {
        jobs = Number(val());
        if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`--jobs must be a positive integer, got ${jobs}`);
      } else throw new RangeError(`unknown argument "${a}"\n${HELP}`);
    }
    if (refresh) await refreshManifests(Deno.cwd(), undefined, { allowDirty });
    else await runPipeline({ root: Deno.cwd(), profile, only, force, jobs, noPaper, updateVolatile });
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
