/**
 * Regenerate figures from committed outputs.
 *
 *   deno task figures [--stage <id>] [--profile full|quick] [--out-dir DIR]
 *
 * For each stage that declares `figures` in its stage.json, lib/report/build_figures.ts loads its
 * `metrics.<profile>.json` (and `series.<profile>.json` when declared), calls the stage's `figures()` and writes
 * `<fig>.vl.json`, `<fig>.svg` and `<fig>.png` atomically. The committed figures/ are always the full profile's:
 * `--profile quick` (a preview for iterating on figure code from the CI-sized outputs) needs an `--out-dir`
 * outside figures/, e.g. `deno task figures --profile quick --out-dir .cache/preview`.
 * @module
 */
import { discoverStages, stageOutputs, type StageSpec } from "../lib/pipeline/stage.ts";
import { type FigureSource, renderStageFigures } from "../lib/report/build_figures.ts";
import { type ParsedArgs, stringFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task figures`. */
export const FIGURES_SPEC: TaskSpec = {
  usage: `deno task figures [--stage <id>] [--profile full|quick] [--out-dir DIR]
  --stage, --only ID   only this stage's figures (stage id or alias such as e01)
  --profile, -p P      which committed outputs to draw: full (default) or quick (a preview: needs --out-dir
                       outside figures/, e.g. --out-dir .cache/preview)
  --out-dir DIR        write there instead of figures/
Regenerates figures/<id>.{vl.json,svg,png} from committed full-profile metrics.`,
  flags: {
    stage: { kind: "string", alias: ["only"] },
    profile: { kind: "string", alias: ["p"], choices: ["full", "quick"] },
    "out-dir": { kind: "string" },
  },
};

/** What `deno task figures` draws and where: the resolved command line. */
export interface FiguresOptions {
  /** Stage id or alias, or undefined for every stage with figures. */
  only?: string;
  profile: "full" | "quick";
  /** Absolute output folder. */
  outDir: string;
}

/** `p` as an absolute path without a trailing slash or `.`/`..` segments (relative paths are taken from `root`). */
function absolute(root: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith("/") ? p : `${root}/${p}`).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

/**
 * Resolve the parsed command line against the project `root`: profile full by default, out-dir `<root>/figures` by
 * default.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTaskArgs } from "../lib/pipeline/cli.ts";
 * import { FIGURES_SPEC, figuresOptions } from "./figures.ts";
 * const o = figuresOptions(parseTaskArgs(FIGURES_SPEC, ["-p", "quick", "--out-dir", ".cache/preview"]), "/r");
 * assert.deepEqual(o, { only: undefined, profile: "quick", outDir: "/r/.cache/preview" });
 * assert.throws(() => figuresOptions(parseTaskArgs(FIGURES_SPEC, ["--profile", "quick"]), "/r"), /--out-dir/);
 * ```
 * @throws {RangeError} for `--profile quick` without `--out-dir` or with one inside `<root>/figures` (the committed
 * figures are always full-profile)
 */
export function figuresOptions(a: ParsedArgs, root: string): FiguresOptions {
  const profile = (stringFlag(a, "profile") ?? "full") as "full" | "quick";
  const given = stringFlag(a, "out-dir");
  const figuresDir = absolute(root, "figures");
  const outDir = absolute(root, given ?? "figures");
  if (profile === "quick" && (outDir === figuresDir || outDir.startsWith(figuresDir + "/"))) {
    throw new RangeError(
      `--profile quick writes a preview: give --out-dir outside figures/ (got ${
        given === undefined ? "no --out-dir" : `"${given}"`
      }); the committed figures/ are always the full profile's, e.g. --out-dir .cache/preview`,
    );
  }
  return { only: stringFlag(a, "stage"), profile, outDir };
}

/** Where a stage's figures come from: its figures module and committed outputs of `profile` (default full). */
export function figureSource(s: StageSpec, profile: "full" | "quick" = "full"): FigureSource {
  // a stage without profiles writes the full outputs only, whatever the run's profile
  const p = s.profiles ? profile : "full";
  const out = (prefix: string) => {
    const name = stageOutputs(s, p).find((o) => o.startsWith(prefix));
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
  const { only, profile, outDir } = figuresOptions(a, root);
  const stages = (await discoverStages(root)).filter((s) => s.figures);
  const sel = stages.filter((s) => !only || s.id === only || s.alias === only);
  if (only && sel.length === 0) {
    const known = stages.map((s) => `${s.id} (${s.alias})`).join(", ");
    throw new RangeError(`--stage: no stage "${only}" with figures (known: ${known})`);
  }
  for (const s of sel) {
    const w = await renderStageFigures(root, figureSource(s, profile), outDir);
    console.error(`[figures] ${s.id} (${profile}): ${w.length / 3} figure(s) → ${outDir}`);
  }
}

if (import.meta.main) Deno.exit(await taskMain(FIGURES_SPEC, Deno.args, figures));
