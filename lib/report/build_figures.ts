/**
 * Figure building: load a stage's committed full-profile outputs, call the
 * stage's `figures()` module, render each Vega-Lite spec to SVG and PNG and
 * write `<fig>.vl.json`, `<fig>.svg` and `<fig>.png` atomically. A figure is a
 * pure function of committed data: the same inputs give the same bytes.
 *
 * Run as a program it builds one stage's figures; the pipeline's figure nodes
 * start it this way (with their own scoped permissions), and `deno task
 * figures` calls {@link renderStageFigures} for every stage:
 *
 *   deno run --allow-read=. --allow-write=figures,.cache lib/report/build_figures.ts \
 *     --stage ID --dir DIR --module figures.ts --ids a,b [--metrics PATH] [--series PATH] [--out-dir DIR]
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderStageFigures } from "./build_figures.ts";
 * // a stage folder under a temp root with committed metrics and a figures module
 * const root = await Deno.makeTempDir(), dir = "experiments/e99_demo/v1";
 * await Deno.mkdir(`${root}/${dir}`, { recursive: true });
 * await Deno.writeTextFile(`${root}/${dir}/metrics.full.json`, '{"points": [{"x": 1, "y": 2}]}');
 * await Deno.writeTextFile(`${root}/${dir}/figures.ts`, `export const figures = ({ metrics }) => [{ id: "e99_demo",
 *   spec: { data: { values: metrics.points }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } } }];`);
 * const src = { stageId: "e99_demo", dir, module: "figures.ts", figureIds: ["e99_demo"], metrics: `${dir}/metrics.full.json` };
 * const written = await renderStageFigures(root, src, `${root}/figures`, Deno.cwd());
 * assert.equal(written.length, 3); // e99_demo.vl.json, .svg, .png
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { renderSvg, svgToPng, type VlSpec } from "./render.ts";
import { writeReportFile } from "./write_report_file.ts";

/** Where one stage's figures come from. Paths are root-relative. */
export interface FigureSource {
  stageId: string;
  /** The stage folder, e.g. `experiments/e01_static_benchmark/v1`. */
  dir: string;
  /** Module exporting `figures({ metrics, series })`, relative to `dir`. */
  module: string;
  /** Figure ids the stage declares; `figures()` must make exactly these. */
  figureIds: readonly string[];
  /** Committed full-profile metrics file, when the stage has one. */
  metrics?: string;
  /** Committed full-profile series file, when the stage has one. */
  series?: string;
}

/** The resvg wasm module and the fonts every PNG is rendered with. */
export interface RenderAssets {
  wasm: Uint8Array;
  fonts: Uint8Array[];
}

/**
 * Load the resvg wasm and the DejaVu fonts from `<assetRoot>/node_modules`.
 * @throws {RangeError} naming the folder when they are not installed
 */
export async function loadRenderAssets(assetRoot: string): Promise<RenderAssets> {
  const nm = `${assetRoot}/node_modules`;
  try {
    return {
      wasm: await Deno.readFile(`${nm}/@resvg/resvg-wasm/index_bg.wasm`),
      fonts: await Promise.all(
        ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => Deno.readFile(`${nm}/dejavu-fonts-ttf/ttf/${f}`)),
      ),
    };
  } catch (e) {
    throw new RangeError(`figure assets missing under ${nm} (${(e as Error).message}); run \`deno install --frozen\``);
  }
}

/**
 * Build and render one stage's figures into `outDir`; returns the written paths. Assets (fonts, resvg) are read
 * from `assetRoot` (default `root`).
 * @throws {RangeError} naming the stage when a committed output is missing or `figures()` makes other ids
 */
export async function renderStageFigures(
  root: string,
  src: FigureSource,
  outDir: string,
  assetRoot = root,
): Promise<string[]> {
  const read = async (path: string | undefined) => {
    if (path === undefined) return undefined;
    try {
      return JSON.parse(await Deno.readTextFile(`${root}/${path}`));
    } catch {
      throw new RangeError(
        `${src.stageId}: ${path} is missing; figures use the committed outputs: run \`deno task reproduce --profile ${
          path.includes(".quick.") ? "quick" : "full"
        } --only ${src.stageId}\``,
      );
    }
  };
  const input = { metrics: await read(src.metrics), series: await read(src.series) };
  const mod = await import(
    new URL(`${src.dir}/${src.module}`, `file://${root.endsWith("/") ? root : root + "/"}`).href
  );
  const figs: { id: string; spec: VlSpec }[] = mod.figures(input);
  const ids = figs.map((f) => f.id).sort();
  if (ids.join() !== [...src.figureIds].sort().join()) {
    throw new RangeError(
      `${src.stageId}: figures() made [${ids.join(", ")}] but stage.json declares [${src.figureIds.join(", ")}]`,
    );
  }
  const assets = await loadRenderAssets(assetRoot);
  const written: string[] = [];
  for (const f of figs) {
    const svg = await renderSvg(f.spec);
    const png = await svgToPng(svg, assets.wasm, assets.fonts);
    await writeReportFile(`${outDir}/${f.id}.vl.json`, JSON.stringify(f.spec, null, 1) + "\n");
    await writeReportFile(`${outDir}/${f.id}.svg`, svg);
    await writeReportFile(`${outDir}/${f.id}.png`, png);
    written.push(`${outDir}/${f.id}.vl.json`, `${outDir}/${f.id}.svg`, `${outDir}/${f.id}.png`);
  }
  return written;
}

/** The value after `flag` in `args`, if any. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Command line: `--stage ID --dir DIR --module FILE --ids a,b [--metrics PATH] [--series PATH] [--out-dir DIR]`
 * builds that stage's figures (what the pipeline's figure node runs). Returns the exit code; errors go to stderr.
 */
export async function figuresMain(args: readonly string[], root: string): Promise<number> {
  try {
    const need = (flag: string) => {
      const v = flagValue(args, flag);
      if (v === undefined) throw new RangeError(`build_figures: ${flag} is required (got ${JSON.stringify(args)})`);
      return v;
    };
    const src: FigureSource = {
      stageId: need("--stage"),
      dir: need("--dir"),
      module: need("--module"),
      figureIds: need("--ids").split(","),
      metrics: flagValue(args, "--metrics"),
      series: flagValue(args, "--series"),
    };
    const w = await renderStageFigures(root, src, flagValue(args, "--out-dir") ?? `${root}/figures`);
    console.error(`[figures] ${src.stageId}: ${w.length / 3} figure(s)`);
    return 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await figuresMain(Deno.args, Deno.cwd()));
