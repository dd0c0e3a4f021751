/**
 * Paper building: `paper/paper.md` (Markdown + LaTeX math) with every
 * `{{alias.key | fmt}}` bound to the stages' committed full-profile metrics,
 * compiled to `paper.pdf` (Typst, embedded compiler from npm) and `paper.html`
 * (KaTeX MathML, figures inline), written atomically with `paper.typ`.
 *
 * A missing metric key, citation or figure fails the build. Bare numerals in
 * the Results section are reported (and fail with `--strict`, as in verify,
 * before anything is compiled or written).
 * `<!-- include: path -->` lines pull in a stage's paper section.
 *
 * The paper check (lib/report/paper_check.ts) runs on every build: body pages
 * (read from the compiled document), figure fonts at print size, references,
 * stage ids and code paths in the prose, cross-references. Its problems fail
 * the build after the files are written (so the PDF can be looked at);
 * `--no-check` reports them as warnings instead.
 *
 * Provenance (lib/report/provenance.ts), passed in as data: a stamp at the
 * end of the document names the commit and whether the tree was clean; each figure caption
 * ends with its stage, the last commit that changed it and the command that
 * rebuilds it; in the HTML each bound number is a hover span naming its key
 * and metrics file. The Typst numbers stay plain.
 *
 * Run as a program it is what the pipeline's paper node starts (the Typst
 * compiler is a Node-API addon, so it runs with `--allow-ffi` in its own
 * process); `deno task paper` calls {@link paperMain} with the metrics files
 * of the discovered stages:
 *
 *   deno run … lib/report/build_paper.ts --metrics e01=PATH,e02=PATH [--out-dir DIR] [--strict] [--no-check]
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandIncludes } from "./build_paper.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/section.md`, "## Results\n\nText.\n");
 * assert.equal(await expandIncludes("# Paper\n<!-- include: section.md -->", root), "# Paper\n## Results\n\nText.");
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { bareNumerals, type MetricsByAlias, resolveBindings } from "./bindings.ts";
import { boundPlaceholder, type BoundValue, LAYOUT_LABELS, markdownToHtml, markdownToTypst } from "./markdown.ts";
import { type BibEntry, parseBibtex } from "./bibtex.ts";
import {
  checkPaper,
  formatProblems,
  PAPER_LIMITS,
  type PaperFigure,
  type PaperLayout,
  type PaperProblem,
  type PaperSource,
} from "./paper_check.ts";
import { writeReportFile } from "./write_report_file.ts";
import {
  figureNote,
  figureStages,
  type Provenance,
  readProvenance,
  stampNote,
  UNKNOWN_PROVENANCE,
} from "./provenance.ts";

/**
 * Expand `<!-- include: path -->` lines (root-relative paths).
 * @throws {RangeError} naming the included file when it is missing
 */
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

/**
 * The paper's Markdown files as written: `paper/paper.md`, then each file it includes (for the paper check, which
 * names the file and line of a problem).
 * @throws {RangeError} naming the included file when it is missing
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readPaperSources } from "./build_paper.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/paper`);
 * await Deno.writeTextFile(`${root}/paper/paper.md`, "# P\n<!-- include: s.md -->\n");
 * await Deno.writeTextFile(`${root}/s.md`, "## S\n");
 * assert.deepEqual((await readPaperSources(root)).map((s) => s.file), ["paper/paper.md", "s.md"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function readPaperSources(root: string): Promise<PaperSource[]> {
  const main = await Deno.readTextFile(`${root}/paper/paper.md`);
  const out: PaperSource[] = [{ file: "paper/paper.md", text: main }];
  for (const m of main.matchAll(/^<!--\s*include:\s*(\S+)\s*-->\s*$/gm)) {
    try {
      out.push({ file: m[1], text: await Deno.readTextFile(`${root}/${m[1]}`) });
    } catch {
      throw new RangeError(`paper/paper.md: included file ${m[1]} is missing`);
    }
  }
  return out;
}

/**
 * Read metrics files keyed by alias (`{ e01: "experiments/…/metrics.full.json" }`, root-relative). A file that is
 * not there is left out: a binding to it then fails with its key.
 */
export async function loadMetrics(root: string, files: Readonly<Record<string, string>>): Promise<MetricsByAlias> {
  const out: MetricsByAlias = {};
  for (const [alias, path] of Object.entries(files)) {
    try {
      out[alias] = JSON.parse(await Deno.readTextFile(`${root}/${path}`));
    } catch {
      // stages without committed full metrics cannot be bound; a binding to them fails with its key
    }
  }
  return out;
}

/** Options of {@link preparePaper} and {@link buildPaper}. */
export interface PaperOptions {
  /** The metrics files behind `metrics` (root-relative, by alias): the HTML hover names them, and the `stage.json`
   * beside each says which stage makes which figure. */
  files?: Readonly<Record<string, string>>;
  /** What git says about the tree ({@link readProvenance}); "commit unknown" without it. */
  provenance?: Provenance;
  /** Fail on bare numerals in the Results section before anything is compiled or written. */
  strict?: boolean;
}

/** The paper's sources, before Typst compiles them. */
export interface PreparedPaper {
  typ: string;
  html: string;
  /** Bare numerals in the Results section (`line: text`). */
  bare: string[];
  /** The Markdown files as written, the bibliography and the figures' SVGs, for the paper check. */
  sources: PaperSource[];
  bib: Record<string, BibEntry>;
  figures: PaperFigure[];
}

/** Problems that make the paper impossible to convert (an unknown citation or cross-reference). */
const FATAL: readonly PaperProblem["kind"][] = ["missing-reference", "unresolved-ref"];

/**
 * Read `paper/paper.md` (with its includes), bind it to `metrics` and convert it to Typst source and HTML, with
 * the provenance stamp, figure sources and HTML hover spans.
 * @throws {RangeError} on a missing binding, figure or citation; with `strict`, on bare numerals in Results
 */
export async function preparePaper(
  root: string,
  metrics: MetricsByAlias,
  opts: PaperOptions = {},
): Promise<PreparedPaper> {
  const files = opts.files ?? {};
  const provenance = opts.provenance ?? UNKNOWN_PROVENANCE;
  const src = await expandIncludes(await Deno.readTextFile(`${root}/paper/paper.md`), root);
  const bare = bareNumerals(src, "Results");
  if (opts.strict && bare.length > 0) {
    throw new RangeError(
      `${bare.length} bare numeral(s) in the Results section (bind them to metrics):\n${
        bare.map((b) => `  line ${b}`).join("\n")
      }`,
    );
  }
  const bib = parseBibtex(await Deno.readTextFile(`${root}/paper/refs.bib`), "paper/refs.bib");
  const sources = await readPaperSources(root);
  const fatal = checkPaper({ sources, bib }).filter((p) => FATAL.includes(p.kind));
  if (fatal.length > 0) throw new RangeError(`paper check: the paper cannot be built:\n${formatProblems(fatal)}`);
  const md = resolveBindings(src, metrics);
  const bound: BoundValue[] = [];
  const mdHtml = resolveBindings(src, metrics, undefined, (text, key) => {
    const alias = key.split(/[.[]/)[0];
    bound.push({ text, key, file: files[alias] ?? `metrics of ${alias}` });
    return boundPlaceholder(bound.length - 1);
  });
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
  const stages = await figureStages(root, files);
  const stamp = stampNote(provenance);
  const figureSource = (id: string) => figureNote(provenance, id, stages[id]);
  const html = markdownToHtml(mdHtml, {
    bib,
    figureHtml: (id) => svgs.get(id)!.replace(/^<svg /, `<svg role="img" aria-label="${id}" `),
    stamp,
    figureSource,
    bound,
  });
  const typ = markdownToTypst(md, {
    figureFile: (id) => `/figures/${id}.png`,
    bib,
    stamp,
    figureSource,
  });
  const figures = [...svgs].map(([id, svg]) => ({ id, svg }));
  return { typ, html, bare, sources, bib, figures };
}

/**
 * The layout the paper check needs, queried from a compiled document ({@link LAYOUT_LABELS} metadata).
 * @throws {RangeError} naming the label when the document does not carry it
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { queryLayout } from "./build_paper.ts";
 * const pages: Record<string, number> = { "<pc-body-start>": 2, "<pc-references>": 8, "<pc-text-width>": 470.55 };
 * assert.deepEqual(queryLayout((sel) => [pages[sel]]), { bodyStartPage: 2, referencesPage: 8, textWidthPt: 470.55 });
 * ```
 */
export function queryLayout(query: (selector: string) => unknown): PaperLayout {
  const one = (label: string): number => {
    const v = query(`<${label}>`);
    const n = Array.isArray(v) ? v[0] : undefined;
    if (typeof n !== "number") {
      throw new RangeError(`paper: the compiled document has no metadata <${label}> (got ${JSON.stringify(v)})`);
    }
    return n;
  };
  return {
    bodyStartPage: one(LAYOUT_LABELS.bodyStart),
    referencesPage: one(LAYOUT_LABELS.references),
    textWidthPt: one(LAYOUT_LABELS.textWidth),
  };
}

/**
 * Build `paper.pdf`, `paper.html` and `paper.typ` into `outDir` ({@link preparePaper}, then Typst). Returns the
 * bare-numeral report.
 * @throws {RangeError} on a missing binding, figure, citation, bare numerals with `strict`, or a Typst error (the
 * source is kept in `outDir`)
 */
export async function buildPaper(
  root: string,
  outDir: string,
  metrics: MetricsByAlias,
  opts: PaperOptions = {},
): Promise<{ bare: string[]; problems: PaperProblem[]; layout: PaperLayout }> {
  const { typ, html, bare, sources, bib, figures } = await preparePaper(root, metrics, opts);
  // Loaded here, not at the top: the Node-API addon needs --allow-ffi/--allow-sys, which only the build has.
  const { NodeCompiler } = await import("@myriaddreamin/typst-ts-node-compiler");
  const compiler = NodeCompiler.create({ workspace: root });
  const res = compiler.compile({ mainFileContent: typ });
  const doc = res.result;
  if (!doc) {
    const diag = compiler.fetchDiagnostics(res.takeError()!);
    await writeReportFile(`${outDir}/paper.typ`, typ);
    throw new RangeError(
      `paper: Typst compilation failed (source in ${outDir}/paper.typ): ${JSON.stringify(diag).slice(0, 1500)}`,
    );
  }
  const pdf = compiler.pdf(doc, { creationTimestamp: 0 });
  const layout = queryLayout((selector) => compiler.query(doc, { selector, field: "value" }));
  await writeReportFile(`${outDir}/paper.typ`, typ);
  await writeReportFile(`${outDir}/paper.html`, html);
  await writeReportFile(`${outDir}/paper.pdf`, new Uint8Array(pdf));
  return { bare, problems: checkPaper({ sources, bib, figures, layout }), layout };
}

/** `e01=path,e02=path` → `{ e01: "path", e02: "path" }`. */
function parseMetricsFlag(v: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of v.split(",").filter((x) => x !== "")) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new RangeError(`build_paper: --metrics expects alias=path items, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/**
 * Command line `[--metrics e01=PATH,…] [--out-dir DIR] [--strict]`: build the paper, print the bare-numeral
 * report, return the exit code. `metricFiles` is used when `--metrics` is not given; `provenance` is what the
 * entry point read from git ({@link readProvenance}; "commit unknown" without it).
 */
export async function paperMain(
  args: readonly string[],
  root: string,
  metricFiles?: Readonly<Record<string, string>>,
  provenance?: Provenance,
): Promise<number> {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const outDir = value("--out-dir") ?? `${root}/paper/build`;
  try {
    const flag = value("--metrics");
    const files = flag !== undefined ? parseMetricsFlag(flag) : metricFiles;
    if (files === undefined) throw new RangeError("build_paper: --metrics alias=path,… is required");
    const strict = args.includes("--strict");
    const check = !args.includes("--no-check");
    const { bare, problems, layout } = await buildPaper(root, outDir, await loadMetrics(root, files), {
      files,
      provenance,
      strict,
    });
    for (const b of bare) console.error(`[paper] bare numeral in Results (bind it to a metric): line ${b}`);
    console.error(`[paper] wrote ${outDir}/paper.pdf and paper.html`);
    console.error(
      `[paper] body: ${layout.referencesPage - layout.bodyStartPage} full page(s) before the References page ` +
        `(PDF page ${layout.referencesPage}; the cover is page 1), at most ${PAPER_LIMITS.maxBodyPages}`,
    );
    if (problems.length === 0) {
      console.error("[paper] paper check: OK");
      return 0;
    }
    console.error(
      `[paper] paper check: ${problems.length} problem(s)${check ? "" : " (--no-check: not failing)"}:\n${
        formatProblems(problems)
      }`,
    );
    return check ? 1 : 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) {
  // the pipeline's paper node starts this file (with --allow-run=git): it reads the provenance, as tasks/paper.ts does
  Deno.exit(await paperMain(Deno.args, Deno.cwd(), undefined, await readProvenance(Deno.cwd())));
}
