/**
 * Build the paper: `paper/paper.md` (Markdown + LaTeX math) with every
 * `{{alias.key | fmt}}` bound to the stages' committed full-profile metrics,
 * compiled to `paper/build/paper.pdf` (Typst, embedded compiler from npm) and
 * `paper/build/paper.html` (KaTeX MathML, figures inline).
 *
 *   deno task paper [--out-dir DIR] [--strict]
 *
 * A missing metric key, citation or figure fails the build. Bare numerals in
 * the Results section are reported (and fail with --strict, as in verify).
 * `<!-- include: path -->` lines pull in a stage's paper section.
 * @module
 */
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { discoverStages, stageOutputs } from "../lib/pipeline/stage.ts";
import { writeFileAtomic } from "../lib/pipeline/atomic.ts";
import { bareNumerals, type MetricsByAlias, resolveBindings } from "../lib/report/bindings.ts";
import { markdownToHtml, markdownToTypst } from "../lib/report/markdown.ts";
import { parseBibtex } from "../lib/report/bibtex.ts";

const HELP = `deno task paper [--out-dir DIR] [--strict]
Builds paper/build/paper.pdf and paper.html from paper/paper.md and committed full-profile metrics.`;

/** Expand `<!-- include: path -->` lines (root-relative paths). */
export async function expandIncludes(md: string, root: string): Promise<string> {
  const lines = md.split("\n");
  const out: string[] = [];
  for (const l of lines) {
    const m = /^<!--\s*include:\s*(\S+)\s*-->\s*$/.exec(l);
    if (!m) {
      out.push(l);
      continue;
    }
    try {
      out.push((await Deno.readTextFile(`${root}/${m[1]}`)).trimEnd());
    } catch {
      throw new RangeError(`paper/paper.md: included file ${m[1]} is missing`);
    }
  }
  return out.join("\n");
}

/** Metrics of every stage's full profile, keyed by alias (e01, …). */
export async function loadAllMetrics(root: string): Promise<MetricsByAlias> {
  const out: MetricsByAlias = {};
  for (const s of await discoverStages(root)) {
    const name = stageOutputs(s, "full").find((o) => o.startsWith("metrics."));
    if (!name) continue;
    try {
      out[s.alias] = JSON.parse(await Deno.readTextFile(`${root}/${s.outDir}/${name}`));
    } catch {
      // stages without committed full metrics cannot be bound; a binding to them fails with its key
    }
  }
  return out;
}

/** Build both outputs into `outDir`. Returns the bare-numeral report. */
export async function buildPaper(root: string, outDir: string): Promise<{ bare: string[] }> {
  const src = await expandIncludes(await Deno.readTextFile(`${root}/paper/paper.md`), root);
  const metrics = await loadAllMetrics(root);
  const md = resolveBindings(src, metrics);
  const bare = bareNumerals(src, "Results");
  const bibText = await Deno.readTextFile(`${root}/paper/refs.bib`);
  const bib = parseBibtex(bibText, "paper/refs.bib");
  const figIds = [...md.matchAll(/\]\(fig:([\w-]+)\)/g)].map((m) => m[1]);
  const svgs = new Map<string, string>();
  for (const id of figIds) {
    try {
      await Deno.stat(`${root}/figures/${id}.png`);
      svgs.set(id, await Deno.readTextFile(`${root}/figures/${id}.svg`));
    } catch {
      throw new RangeError(`paper: figure ${id} is missing under figures/; run \`deno task figures\``);
    }
  }
  const html = markdownToHtml(md, {
    bib,
    figureHtml: (id) => svgs.get(id)!.replace(/^<svg /, `<svg role="img" aria-label="${id}" `),
  });
  const typ = markdownToTypst(md, { figureFile: (id) => `/figures/${id}.png`, bibFile: "/paper/refs.bib" });
  const compiler = NodeCompiler.create({ workspace: root });
  const res = compiler.compile({ mainFileContent: typ });
  const doc = res.result;
  if (!doc) {
    const diag = compiler.fetchDiagnostics(res.takeError()!);
    await writeFileAtomic(`${outDir}/paper.typ`, typ);
    throw new RangeError(
      `paper: Typst compilation failed (source in ${outDir}/paper.typ): ${JSON.stringify(diag).slice(0, 1500)}`,
    );
  }
  const pdf = compiler.pdf(doc, { creationTimestamp: 0 });
  await writeFileAtomic(`${outDir}/paper.typ`, typ);
  await writeFileAtomic(`${outDir}/paper.html`, html);
  await writeFileAtomic(`${outDir}/paper.pdf`, new Uint8Array(pdf));
  return { bare };
}

if (import.meta.main) {
  const args = Deno.args;
  if (args.includes("--help")) {
    console.log(HELP);
    Deno.exit(0);
  }
  const root = Deno.cwd();
  const i = args.indexOf("--out-dir");
  const outDir = i >= 0 ? args[i + 1] : `${root}/paper/build`;
  try {
    const { bare } = await buildPaper(root, outDir);
    for (const b of bare) console.error(`[paper] bare numeral in Results (bind it to a metric): line ${b}`);
    if (bare.length > 0 && args.includes("--strict")) {
      throw new RangeError(`${bare.length} bare numeral(s) in the Results section`);
    }
    console.error(`[paper] wrote ${outDir}/paper.pdf and paper.html`);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
