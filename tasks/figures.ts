/**
 * Regenerate figures from committed full-profile outputs.
 *
 *   deno task figures [--stage <id>] [--out-dir DIR]
 *
 * For each stage that declares `figures` in its stage.json, lib/report/build_figures.ts loads its
 * `metrics.full.json` (and `series.full.json` when declared), calls the stage's `figures()` and writes
 * `<fig>.vl.json`, `<fig>.svg` and `<fig>.png` atomically.
 * @module
 */
import { discoverStages, stageOutputs, type StageSpec } from "../lib/pipeline/stage.ts";
import { type FigureSource, renderStageFigures } from "../lib/report/build_figures.ts";
import { type ParsedArgs, stringFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task figures`. */
export const FIGURES_SPEC: TaskSpec = {
  usage: `deno task figures [--stage <id>] [--out-dir DIR]
  --stage, --only ID   only this stage's figures (stage id or alias such as e01)
  --out-dir DIR        write there instead of figures/
Regenerates figures/<id>.{vl.json,svg,png} from committed full-profile metrics.`,
  flags: {
    stage: { kind: "string", alias: ["only"] },
    "out-dir": { kind: "string" },
  },
};

/** Where a stage's figures come from: its figures module and committed full-profile outputs. */
export function figureSource(s: StageSpec): FigureSource {
  const out = (prefix: string) => {
    const name = stageOutputs(s, "full").find((o) => o.startsWith(prefix));
    return name === undefined ? undefined : `${s.outDir}/${name}`;
  };
  return {
    stageId: s.id,
    dir: s.dir,
    module: s.figures!,
    figureIds: s.figureIds,
    metrics: out("metrics."),
    series: out("series."),
  };
}

async function figures(a: ParsedArgs): Promise<void> {
  const root = Deno.cwd();
  const only = stringFlag(a, "stage");
  const outDir = stringFlag(a, "out-dir") ?? `${root}/figures`;
  const stages = (await discoverStages(root)).filter((s) => s.figures);
  const sel = stages.filter((s) => !only || s.id === only || s.alias === only);
  if (only && sel.length === 0) {
    const known = stages.map((s) => `${s.id} (${s.alias})`).join(", ");
    throw new RangeError(`--stage: no stage "${only}" with figures (known: ${known})`);
  }
  for (const s of sel) {
    const w = await renderStageFigures(root, figureSource(s), outDir);
    console.error(`[figures] ${s.id}: ${w.length / 3} figure(s)`);
  }
}

if (import.meta.main) Deno.exit(await taskMain(FIGURES_SPEC, Deno.args, figures));
