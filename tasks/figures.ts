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
import { flagValue, taskArgs } from "../lib/pipeline/task_args.ts";

const HELP = `deno task figures [--stage <id>] [--out-dir DIR]
Regenerates figures/<id>.{vl.json,svg,png} from committed full-profile metrics.`;

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

if (import.meta.main) {
  const args = taskArgs(HELP);
  const root = Deno.cwd();
  const get = (k: string) => flagValue(args, k);
  try {
    const only = get("--stage");
    const outDir = get("--out-dir") ?? `${root}/figures`;
    const sel = (await discoverStages(root)).filter((s) => s.figures && (!only || s.id === only));
    if (only && sel.length === 0) throw new RangeError(`--stage: no stage "${only}" with figures`);
    for (const s of sel) {
      const w = await renderStageFigures(root, figureSource(s), outDir);
      console.error(`[figures] ${s.id}: ${w.length / 3} figure(s)`);
    }
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
