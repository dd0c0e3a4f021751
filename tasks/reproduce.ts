/**
 * Run the pipeline: every stale stage, its figures and the paper.
 *
 *   deno task reproduce [--profile quick|full] [--only <stage|alias|figure|paper> ...] [--force] [--jobs N] [--no-paper]
 *   deno task reproduce --refresh-manifests
 *
 * Unchanged stages are skipped by the content-hash cache (.cache/pipeline);
 * independent stages run in parallel child processes, each with scoped
 * permissions and no network. Progress goes to stderr.
 * @module
 */
import { positiveIntFlag, stringFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task reproduce` (and of `deno task d01`, `e01`, …). */
export const REPRODUCE_SPEC: TaskSpec = {
  usage: `deno task reproduce [options]
  --profile, -p quick|full   parameter set (default full: the paper's numbers; quick: CI-sized)
  --only, --stage ID         build only ID and what it needs (stage id, alias such as e01, figure id, or paper); repeatable
  --force                    ignore the cache
  --jobs, -j N               parallel stages (default 2); jobs × a stage's workers never exceed the cores
  --no-paper                 stop after metrics and figures
  --update-volatile          write an output even when only its machine-dependent values (the stage's "volatile"
                             keys, e.g. e06 latency) changed; by default the file in place is kept and the fresh
                             values go to .cache/pipeline/runs/<stage>.<profile>.json
  --refresh-manifests        run nothing: rewrite every stage's manifest.{quick,full}.json from the current code,
                             params and the outputs in the tree (after a code change that left the metrics bitwise equal);
                             refused while an input or output has uncommitted changes, unless --allow-dirty
  --allow-dirty              with --refresh-manifests: accept uncommitted inputs or outputs
See what would run and why first: deno task status [--profile P].`,
  flags: {
    profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] },
    only: { kind: "string", alias: ["stage"], multiple: true },
    force: { kind: "boolean" },
    jobs: { kind: "string", alias: ["j"] },
    "no-paper": { kind: "boolean" },
    "update-volatile": { kind: "boolean" },
    "refresh-manifests": { kind: "boolean" },
    "allow-dirty": { kind: "boolean" },
  },
};

if (import.meta.main) {
  Deno.exit(
    await taskMain(REPRODUCE_SPEC, Deno.args, async (a) => {
      const jobs = positiveIntFlag(a, "jobs", 2);
      const { refreshManifests, runPipeline } = await import("../lib/pipeline/runner.ts");
      const root = Deno.cwd();
      if (a.flags["refresh-manifests"]) {
        await refreshManifests(root, undefined, { allowDirty: a.flags["allow-dirty"] === true });
        return;
      }
      if (a.flags["allow-dirty"]) throw new RangeError("--allow-dirty goes with --refresh-manifests only");
      await runPipeline({
        root,
        profile: (stringFlag(a, "profile") ?? "full") as "quick" | "full",
        only: (a.flags.only as string[] | undefined) ?? [],
        force: a.flags.force === true,
        jobs,
        noPaper: a.flags["no-paper"] === true,
        updateVolatile: a.flags["update-volatile"] === true,
      });
    }),
  );
}
