/**
 * Differences in metrics, params and bound paper numbers between two commits, or a commit and the working tree.
 *
 *   deno task diff [A] [B] [--md] [--all] [--section metrics|params|paper ...]
 *
 * A defaults to HEAD, B to the working tree (one commit: it against the working tree). Rows are key / old / new / Δ;
 * metrics compare like verify (within the stage's declared tolerance → counted, not listed; volatile timing keys
 * likewise). lib/pipeline/metrics_diff.ts does the work (arquero joins of the two sides' flattened tables); paper
 * bindings resolve with lib/report/bindings.ts.
 * Reads only (git show for commits).
 * @module
 */
import { type ParsedArgs, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";
import type { DiffRow } from "../lib/pipeline/metrics_diff.ts";

/** The command line of `deno task diff`. */
export const DIFF_SPEC: TaskSpec = {
  usage: `deno task diff [A] [B] [--md] [--all] [--section metrics|params|paper ...]
  A, B                   commits (default: HEAD and the working tree; one commit: it against the working tree)
  --md                   Markdown tables
  --all                  every row (default: the first 50 per section)
  --section, -s NAME     only metrics, params or paper; repeatable
Lists metrics, params and bound-paper-number differences as key / old / new / Δ (metrics within the stage's
declared tolerance and volatile timing keys are counted, not listed, as verify treats them).`,
  flags: {
    md: { kind: "boolean" },
    all: { kind: "boolean" },
    section: { kind: "string", alias: ["s"], multiple: true, choices: ["metrics", "params", "paper"] },
  },
  positionals: { max: 2, name: "commit" },
};

/** The binding syntax of lib/report/bindings.ts (`{{e04.key | fmt:D}}`). */
const BINDING = /\{\{\s*([A-Za-z0-9_.\[\]-]+)\s*(?:\|\s*([a-z]+)(?::(\d+))?\s*)?\}\}/g;

async function diff(args: ParsedArgs): Promise<number> {
  const { diffProject, formatDiff, gitSide, worktreeSide } = await import("../lib/pipeline/metrics_diff.ts");
  const { formatValue, lookup } = await import("../lib/report/bindings.ts");
  const root = Deno.cwd();
  const [ra, rb] = args.positionals;
  const a = await gitSide(root, ra ?? "HEAD");
  const b = rb === undefined ? worktreeSide(root) : await gitSide(root, rb);
  const d = await diffProject(a, b, { pattern: BINDING, lookup: (m, k) => lookup(m, k), format: formatValue });
  const sections = (args.flags.section as DiffRow["section"][] | undefined) ?? ["metrics", "params", "paper"];
  console.log(formatDiff(d, args.flags.md === true, args.flags.all ? Infinity : 50, sections));
  return 0;
}

if (import.meta.main) Deno.exit(await taskMain(DIFF_SPEC, Deno.args, diff));
