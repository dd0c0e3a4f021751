/**
 * Build the paper from committed full-profile metrics (lib/report/build_paper.ts does the work).
 *
 *   deno task paper [--out-dir DIR] [--strict]
 *
 * Writes `paper/build/paper.pdf`, `paper.html` and `paper.typ`. A missing metric key, citation or figure fails the
 * build; bare numerals in the Results section are reported (and fail with --strict, as in verify).
 * @module
 */
import { discoverStages, stageOutputs } from "../lib/pipeline/stage.ts";
import { paperMain } from "../lib/report/build_paper.ts";

const HELP = `deno task paper [--out-dir DIR] [--strict]
Builds paper/build/paper.pdf and paper.html from paper/paper.md and committed full-profile metrics.`;

/** Each stage's committed full-profile metrics file, keyed by alias (e01, …). */
export async function committedMetricFiles(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of await discoverStages(root)) {
    const name = stageOutputs(s, "full").find((o) => o.startsWith("metrics."));
    if (name !== undefined) out[s.alias] = `${s.outDir}/${name}`;
  }
  return out;
}

if (import.meta.main) {
  if (Deno.args.includes("--help")) {
    console.log(HELP);
    Deno.exit(0);
  }
  const root = Deno.cwd();
  Deno.exit(await paperMain(Deno.args, root, await committedMetricFiles(root)));
}
