/**
 * What `deno task reproduce` would run and why, without running anything.
 *
 *   deno task status [--profile quick|full] [--only ID ...] [--no-paper] [--dag] [--json]
 *
 * Validates every stage's params first (the cached check `reproduce` runs), then prints per stage, figure node and
 * the paper: up to date, or will run and why (code files, params, data or upstream outputs changed, with counts),
 * the last wall time as ETA, and which committed metrics were not made by the code in the tree
 * (lib/pipeline/status.ts does the work). `--dag` prints the graph instead. Reads only.
 * @module
 */
import { type ParsedArgs, stringFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task status`. */
export const STATUS_SPEC: TaskSpec = {
  usage: `deno task status [--profile quick|full] [--only ID ...] [--no-paper] [--dag] [--json]
  --profile, -p quick|full   parameter set (default full, as reproduce)
  --only ID                  only ID and what it needs (stage id, alias such as e01, figure id, or paper); repeatable
  --no-paper                 leave the paper node out (as reproduce --no-paper and the e01… tasks)
  --dag                      print the graph (node [kind, profile] ← what it needs) and nothing else
  --json                     the report as JSON
Reads only: validates every stage's params, then says per node whether it is up to date or will run and why,
with the last wall time as ETA, and which committed metrics no longer match the code in the tree.`,
  flags: {
    profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] },
    only: { kind: "string", multiple: true, alias: ["stage"] },
    dag: { kind: "boolean" },
    "no-paper": { kind: "boolean" },
    json: { kind: "boolean" },
  },
};

async function status(args: ParsedArgs): Promise<number> {
  // loaded after the command line is checked: --help loads nothing else
  const { discoverStages } = await import("../lib/pipeline/stage.ts");
  const { buildGraph, neededNodes, resolveTargets } = await import("../lib/pipeline/graph.ts");
  const { checkAllParams } = await import("../lib/pipeline/runner.ts");
  const { formatDag, formatStatus, pipelineStatus } = await import("../lib/pipeline/status.ts");
  const root = Deno.cwd();
  const profile = (stringFlag(args, "profile") ?? "full") as "quick" | "full";
  const only = (args.flags.only as string[] | undefined) ?? [];
  const stages = await discoverStages(root);
  const noPaper = args.flags["no-paper"] === true;
  const nodes = buildGraph(stages, root, profile).filter((n) => !noPaper || n.kind !== "paper");
  const needed = neededNodes(nodes, only.length > 0 ? resolveTargets(nodes, only) : nodes.map((n) => n.id));
  if (args.flags.dag) {
    console.log(formatDag(nodes.filter((n) => needed.has(n.id))));
    return 0;
  }
  await checkAllParams(root, stages, new Set(stages.map((s) => s.id).filter((id) => needed.has(id))));
  const st = await pipelineStatus(root, profile, { only, stages, noPaper });
  console.log(args.flags.json ? JSON.stringify(st, null, 2) : formatStatus(st));
  return 0;
}

if (import.meta.main) Deno.exit(await taskMain(STATUS_SPEC, Deno.args, status));
