/**
 * Build the paper from committed full-profile metrics (lib/report/build_paper.ts does the work).
 *
 *   deno task paper [--out-dir DIR] [--strict] [--no-check]
 *
 * Writes `paper/build/paper.pdf`, `paper.html` and `paper.typ`. A missing metric key, citation or figure fails the
 * build; bare numerals in the Results section are reported (and fail with --strict, as in verify). The paper check
 * (lib/report/paper_check.ts: body pages, figure fonts at print size, references, stage ids and code paths in the
 * prose, cross-references) fails the build after the files are written; --no-check only reports it. The end of the
 * document stamps the commit (clean/dirty) and each figure caption names its stage, commit and rebuild command: git
 * is asked for them (`--allow-run=git`); without git the paper says "commit unknown".
 * @module
 */
import { discoverStages, stageOutputs } from "../lib/pipeline/stage.ts";
import { stringFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task paper`. */
export const PAPER_SPEC: TaskSpec = {
  usage: `deno task paper [--out-dir DIR] [--strict] [--no-check]
  --out-dir DIR   write there instead of paper/build
  --strict        fail on bare numerals in the Results section (as verify does)
  --no-check      report the paper check's problems (body pages, figure fonts, references, stage ids and code
                  paths in the prose, cross-references) without failing
Builds paper/build/paper.pdf and paper.html from paper/paper.md and committed full-profile metrics.`,
  flags: {
    "out-dir": { kind: "string" },
    strict: { kind: "boolean" },
    "no-check": { kind: "boolean" },
  },
};

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
  Deno.exit(
    await taskMain(PAPER_SPEC, Deno.args, async (a) => {
      const root = Deno.cwd();
      // the paper builder (Typst, KaTeX) is loaded only once the command line is known to be good
      const { paperMain } = await import("../lib/report/build_paper.ts");
      const { readProvenance } = await import("../lib/report/provenance.ts");
      const outDir = stringFlag(a, "out-dir");
      const argv = [
        ...(outDir === undefined ? [] : ["--out-dir", outDir]),
        ...(a.flags.strict ? ["--strict"] : []),
        ...(a.flags["no-check"] ? ["--no-check"] : []),
      ];
      return await paperMain(argv, root, await committedMetricFiles(root), await readProvenance(root));
    }),
  );
}
