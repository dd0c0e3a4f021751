/**
 * Regenerate figures from committed full-profile outputs.
 *
 *   deno task figures [--stage <id>] [--out-dir DIR]
 *
 * For each stage that declares `figures` in its stage.json, loads its
 * `metrics.full.json` (and `series.full.json` when declared), calls the
 * stage's `figures()` and writes `<fig>.vl.json`, `<fig>.svg` and `<fig>.png`
 * atomically. A figure is a pure function of committed data: the same inputs
 * give the same bytes.
 * @module
 */
import { discoverStages, stageOutputs, type StageSpec } from "../lib/pipeline/stage.ts";
import { writeFileAtomic } from "../lib/pipeline/atomic.ts";
import { renderSvg, svgToPng, type VlSpec } from "../lib/report/render.ts";

const HELP = `deno task figures [--stage <id>] [--out-dir DIR]
Regenerates figures/<id>.{vl.json,svg,png} from committed full-profile metrics.`;

/** Load fonts and the resvg wasm from node_modules. */
export async function loadRenderAssets(root: string): Promise<{ wasm: Uint8Array; fonts: Uint8Array[] }> {
  const nm = `${root}/node_modules`;
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

/** Build and render one stage's figures into `outDir`; returns the written paths. */
export async function renderStageFigures(root: string, s: StageSpec, outDir: string): Promise<string[]> {
  if (!s.figures) return [];
  const outs = stageOutputs(s, "full");
  const read = async (prefix: string) => {
    const name = outs.find((o) => o.startsWith(prefix));
    if (!name) return undefined;
    const p = `${root}/${s.outDir}/${name}`;
    try {
      return JSON.parse(await Deno.readTextFile(p));
    } catch {
      throw new RangeError(
        `${s.id}: ${s.outDir}/${name} is missing; figures use the committed full profile: run \`deno task reproduce --profile full --only ${s.id}\``,
      );
    }
  };
  const input = { metrics: await read("metrics."), series: await read("series.") };
  const mod = await import(`${root}/${s.dir}/${s.figures}`);
  const figs: { id: string; spec: VlSpec }[] = mod.figures(input);
  const ids = figs.map((f) => f.id).sort();
  if (ids.join() !== [...s.figureIds].sort().join()) {
    throw new RangeError(
      `${s.id}: figures() made [${ids.join(", ")}] but stage.json declares [${s.figureIds.join(", ")}]`,
    );
  }
  const assets = await loadRenderAssets(root);
  const written: string[] = [];
  for (const f of figs) {
    const svg = await renderSvg(f.spec);
    const png = await svgToPng(svg, assets.wasm, assets.fonts);
    await writeFileAtomic(`${outDir}/${f.id}.vl.json`, JSON.stringify(f.spec, null, 1) + "\n");
    await writeFileAtomic(`${outDir}/${f.id}.svg`, svg);
    await writeFileAtomic(`${outDir}/${f.id}.png`, png);
    written.push(`${outDir}/${f.id}.vl.json`, `${outDir}/${f.id}.svg`, `${outDir}/${f.id}.png`);
  }
  return written;
}

if (import.meta.main) {
  const args = Deno.args;
  if (args.includes("--help")) {
    console.log(HELP);
    Deno.exit(0);
  }
  const root = Deno.cwd();
  const get = (k: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    const stages = await discoverStages(root);
    const only = get("--stage");
    const outDir = get("--out-dir") ?? `${root}/figures`;
    const sel = stages.filter((s) => s.figures && (!only || s.id === only));
    if (only && sel.length === 0) throw new RangeError(`--stage: no stage "${only}" with figures`);
    for (const s of sel) {
      const w = await renderStageFigures(root, s, outDir);
      console.error(`[figures] ${s.id}: ${w.length / 3} figure(s)`);
    }
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
