import assert from "node:assert/strict";
import { boundPlaceholder, extractMath, markdownToHtml, markdownToTypst } from "./markdown.ts";
import { formatReference, parseBibtex } from "./bibtex.ts";

const bib = parseBibtex(
  `@article{k95, author = {Paul H. Kupiec}, title = {Techniques}, journal = {J. Deriv.}, year = 1995}`,
);
const md = [
  "# The Title",
  "",
  "## Intro",
  "",
  "Loss $L_{t,t+h}$ is *big* [@k95], see @fig:f1 and @tab:t1.",
  "",
  "$$ m = a + b $$",
  "",
  "| A | B |",
  "|--:|--:|",
  "| 1 | 2 |",
  "",
  ": A table {#tab:t1}",
  "",
  "![A figure.](fig:f1)",
].join("\n");

Deno.test("extractMath: inline and display math become placeholders", () => {
  const r = extractMath("a $x$ b $$y$$ c \\$5");
  assert.deepEqual(r.math, [{ tex: "y", display: true }, { tex: "x", display: false }]);
  assert.ok(!r.text.includes("$x$"));
  // a formula wrapped onto the next line is one formula; a blank line ends the search
  assert.deepEqual(extractMath("fit on ($r_t = L /\n\\mathrm{FHS}_t$).").math, [
    { tex: "r_t = L / \\mathrm{FHS}_t", display: false },
  ]);
  assert.deepEqual(extractMath("costs $5\n\nand $6").math, []);
});

Deno.test("markdownToTypst: title, headings, math, citations, figures and captioned tables", () => {
  const t = markdownToTypst(md, { figureFile: (id) => `/figures/${id}.png`, bib });
  assert.match(t, /text\(size: 22pt, weight: "bold"\)\[The Title\]/);
  assert.match(t, /^= Intro$/m);
  assert.match(t, /\$L_\(t, t \+ h\)\$/);
  assert.match(t, /_big_ \\\[#link\(<ref-k95>\)\[1\]\\\], see @fig:f1 and @tab:t1\./);
  assert.match(
    t,
    /#figure\(image\("\/figures\/f1\.png", width: 100%\), placement: auto, caption: \[A figure\.\]\) <fig:f1>/,
  );
  assert.match(
    t,
    /#figure\(table\(columns: 2, align: \(right, right,\), table\.header\(\[\*A\*\], \[\*B\*\]\), \[1\], \[2\]\), caption: \[A table\], kind: table\) <tab:t1>/,
  );
  // one formatter for the reference list of both outputs, no Typst bibliography
  assert.ok(!t.includes("#bibliography"));
  assert.match(t, /<ref-k95>\\\[1\\\] Paul H\. Kupiec \(1995\)\. Techniques\. J\. Deriv\./);
});

Deno.test("markdownToHtml: numbered citations, figure and table numbers, MathML", () => {
  const h = markdownToHtml(md, { bib, figureHtml: (id) => `<svg id="${id}"></svg>` });
  assert.match(h, /\[<a href="#ref-k95">1<\/a>\]/);
  assert.match(h, /<a href="#fig:f1">Figure 1<\/a>/);
  assert.match(h, /Table 1: A table/);
  assert.match(h, /<math/);
  assert.match(h, /Kupiec \(1995\)\. Techniques\. J\. Deriv\./);
});

const stamp = { text: "Built from commit abc1234 (clean)", command: "deno task reproduce" };
const figureSource = (id: string) => ({
  text: `stage e04_core_study/v2 · commit 5120189`,
  command: `deno task figures --stage ${id.split("_")[0]}`,
});
const twoFigures = md + "\n\n![Second, with $k$ math.](fig:e04_frontier)\n";

Deno.test("markdownToTypst: stamp at the end of the document, every figure caption ends with its source", () => {
  const t = markdownToTypst(twoFigures, {
    figureFile: (id) => `/figures/${id}.png`,
    bib,
    stamp,
    figureSource,
  });
  const st = t.indexOf('Built from commit abc1234 (clean) — #text(size: 1.25em, raw("deno task reproduce"))');
  assert.ok(st > t.indexOf("[References]"), "the stamp follows the reference list, not the title");
  const captions = [...t.matchAll(/#figure\(image\([^)]*\), placement: auto, caption: \[(.*)\]\) <fig:([\w-]+)>/g)];
  assert.deepEqual(captions.map((c) => c[2]), ["f1", "e04_frontier"]);
  for (const [, cap, id] of captions) {
    assert.ok(
      cap.endsWith(
        `Source: stage e04\\_core\\_study/v2 · commit 5120189 · #text(size: 1.25em, raw("deno task figures --stage ${
          id.split("_")[0]
        }"))]`,
      ),
      cap,
    );
  }
  // without the options nothing is added
  const plain = markdownToTypst(md, { figureFile: (id) => `/figures/${id}.png`, bib });
  assert.ok(!plain.includes("Source:") && !plain.includes("Built from"));
});

Deno.test("markdownToHtml: stamp at the end, figure sources, bound numbers as hover spans", () => {
  const file = "experiments/e04_core_study/v2/metrics.full.json";
  const bound = [
    { text: "94.2%", key: "e04.headline.marginAtTargetVsStatic.estimate", file },
    { text: "< 0.001", key: "e04.a[0].p", file },
    { text: "0.99", key: "e04.params.tau", file },
    { text: "USD 4,528", key: "e01.long.hs.avgIm", file: "experiments/e01_static_benchmark/v1/metrics.full.json" },
  ];
  const src = [
    twoFigures,
    "",
    `Margin ${boundPlaceholder(0)} of static, p ${boundPlaceholder(1)}, at $\\tau = ${boundPlaceholder(2)}$.`,
    "",
    "| A | B |",
    "|--:|--:|",
    `| x | ${boundPlaceholder(3)} |`,
  ].join("\n");
  const h = markdownToHtml(src, { bib, figureHtml: (id) => `<svg id="${id}"></svg>`, stamp, figureSource, bound });
  assert.match(
    h,
    /<\/ol>\n<p class="stamp">Built from commit abc1234 \(clean\) — <code>deno task reproduce<\/code><\/p>\n<\/body>/,
  );
  const caps = [...h.matchAll(/<figcaption>(.*?)<\/figcaption>/g)].map((m) => m[1]);
  assert.equal(caps.length, 2);
  for (const c of caps) {
    assert.match(
      c,
      /<span class="source">Source: stage e04_core_study\/v2 · commit 5120189 · <code>deno task figures --stage (f1|e04)<\/code><\/span>$/,
    );
  }
  const spans = [...h.matchAll(/<span class="bound" title="([^"]*)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(spans, [
    [`e04.headline.marginAtTargetVsStatic.estimate — ${file}`, "94.2%"],
    [`e04.a[0].p — ${file}`, "&lt; 0.001"],
    ["e01.long.hs.avgIm — experiments/e01_static_benchmark/v1/metrics.full.json", "USD 4,528"],
  ]);
  assert.ok(!h.includes("BOUNDPH"), "every placeholder is replaced");
  assert.match(h, /<mn>0.99<\/mn>/, "a bound number inside math is set as its value");
  assert.match(h, /\.bound\{border-bottom:1px dotted/);
  assert.throws(
    () => markdownToHtml(`x ${boundPlaceholder(7)}`, { bib, figureHtml: () => "", bound }),
    /BOUNDPH7ZZ has no value/,
  );
});

Deno.test("markdownToHtml: unknown citation or figure reference fails naming it", () => {
  assert.throws(
    () => markdownToHtml("See [@nobody].", { bib, figureHtml: () => "" }),
    /citation \[@nobody\] not found/,
  );
  assert.throws(
    () => markdownToHtml("See @fig:zz.", { bib, figureHtml: () => "" }),
    /@fig:zz to a figure that is not in the paper/,
  );
});

Deno.test("parseBibtex: fields, braces, duplicates", () => {
  assert.equal(formatReference(bib.k95), "Paul H. Kupiec (1995). Techniques. J. Deriv.");
  const isda = parseBibtex(
    "@misc{isda, author = {{International Swaps and Derivatives Association}}, title = {SIMM}, year = 2023}\n" +
      "@article{two, author = {Isaac Gibbs and Emmanuel J. Cand{\\`e}s}, title = {ACI}, journal = {NeurIPS}, " +
      "volume = 34, pages = {1660--1672}, year = 2021}",
  );
  assert.equal(formatReference(isda.isda), "International Swaps and Derivatives Association (2023). SIMM.");
  assert.equal(
    formatReference(isda.two),
    "Isaac Gibbs, Emmanuel J. Candès (2021). ACI. NeurIPS, vol. 34, pp. 1660–1672.",
  );
  assert.throws(() => parseBibtex("@misc{a, title={x}}\n@misc{a, title={y}}"), /duplicate entry "a"/);
});

Deno.test("normaliseTex: \\lvert/\\rvert become bars that Typst understands", async () => {
  const { normaliseTex } = await import("./markdown.ts");
  assert.equal(normaliseTex("\\lvert\\rho\\rvert"), "|\\rho|");
  const t = markdownToTypst("# T\n\nx $\\lvert\\rho\\rvert$", { figureFile: (i) => i, bib: {} });
  assert.match(t, /\$\|rho\|\$|\$\| rho \|\$/);
});

const structured = [
  "# A Rather Long Title That Needs Two Lines on the Cover",
  "",
  "## Abstract",
  "",
  "We answer it [@k95].",
  "",
  "## Intro {#sec:intro}",
  "",
  "A sentence that ends on the line before a bound count, the",
  "174. next line starts with it. See @sec:app and @sec:intro.",
  "",
  "| Name | Flag |",
  "|:--|:--|",
  "| x | yes |",
  "",
  ": Flags {#tab:flags}",
  "",
  "![One.](fig:a)",
  "",
  "![Two.](fig:b)",
  "",
  "## References",
  "",
  "<!-- appendix -->",
  "",
  "## Extra details {#sec:app}",
  "",
  "### Sub",
  "",
  "More, see @tab:flags.",
].join("\n");

Deno.test("markdownToTypst: title-only cover, unnumbered Abstract, one References, appendices after it", () => {
  const t = markdownToTypst(structured, { figureFile: (id) => `/figures/${id}.png`, bib, stamp });
  // the cover page holds the title only, balanced on two lines; page numbers start on the next page
  const cover = /#page\(align\(center \+ horizon, ([\s\S]*?)\)\)\n#set page\(numbering: "1"\)/.exec(t);
  assert.ok(cover, "a cover page before the numbered pages");
  assert.match(cover[1], /\[A Rather Long Title That \\\nNeeds Two Lines on the Cover\]/);
  assert.ok(!cover[1].includes("Built from"), "the stamp is not on the cover");
  assert.match(t, /^#heading\(level: 1, numbering: none\)\[Abstract\]$/m);
  assert.match(t, /^= Intro <sec:intro>$/m);
  assert.equal([...t.matchAll(/References/g)].length, 1, "one References heading");
  const [intro, refs, app] = ["= Intro", "[References]", "= Extra details <sec:app>"].map((x) => t.indexOf(x));
  assert.ok(intro > 0 && refs > intro && app > refs, "body, References, then the appendices");
  assert.match(t.slice(refs, app), /#counter\(heading\)\.update\(0\)\n\n#set heading\(supplement: none, numbering: /);
  assert.match(t, /^== Sub$/m);
  assert.ok(t.indexOf("Built from commit") > app, "the stamp closes the document");
  // a numeral at the start of a source line stays text
  assert.match(t, /before a bound count, the 174\. next line/);
  assert.doesNotMatch(t, /^174\./m);
  assert.match(t, /See @sec:app and @sec:intro\./);
  // tables: never justified, header repeated
  assert.match(t, /#show table: set par\(justify: false\)/);
  assert.match(t, /table\.header\(\[\*Name\*\], \[\*Flag\*\]\)/);
  // layout metadata for the paper check
  for (const label of ["pc-text-width", "pc-body-start", "pc-references", "pc-appendix"]) {
    assert.ok(t.includes(`<${label}>`), label);
  }
});

Deno.test("markdownToHtml: sections numbered as in the PDF, appendices after the references, unique SVG ids", () => {
  const svg = '<svg width="10"><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"/></svg>';
  const h = markdownToHtml(structured, { bib, figureHtml: () => svg, stamp });
  assert.match(h, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(h, /<h2>Abstract<\/h2>/);
  assert.match(h, /<h2 id="sec:intro"><span class="secnum">1<\/span> Intro<\/h2>/);
  assert.match(h, /<h2 id="sec:app"><span class="secnum">Appendix A<\/span> Extra details<\/h2>/);
  assert.match(h, /<h3><span class="secnum">A\.1<\/span> Sub<\/h3>/);
  assert.match(h, /See <a href="#sec:app">Appendix A<\/a> and <a href="#sec:intro">Section 1<\/a>\./);
  assert.equal([...h.matchAll(/>References</g)].length, 1, "one References heading");
  const [intro, refs, app, st] = ["Intro</h2>", ">References<", "Extra details</h2>", 'class="stamp"'].map((x) =>
    h.indexOf(x)
  );
  assert.ok(intro > 0 && refs > intro && app > refs && st > app);
  assert.match(h, /the\n174\. next line/, "the numeral stays text");
  // every id once; each url(#…) points to its own figure's clip path
  const ids = [...h.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids}`);
  assert.ok(h.includes('id="f1-clip1"') && h.includes("url(#f2-clip1)") && !h.includes("url(#clip1)"));
  assert.match(h, /td,th\{[^}]*text-align:left/);
  assert.match(h, /<p class="caption" id="tab:flags">Table 1: Flags<\/p>\n<table>/, "the caption above its table");
});

Deno.test("reference list: the same text in the PDF and the HTML", () => {
  const t = markdownToTypst(structured, { figureFile: (id) => id, bib });
  const h = markdownToHtml(structured, { bib, figureHtml: () => "" });
  const typ = /<ref-k95>\\\[1\\\] (.*)\]/.exec(t)?.[1].replace(/\\/g, "");
  const html = /<li id="ref-k95"><span class="refnum">\[1\]<\/span> (.*)<\/li>/.exec(h)?.[1];
  assert.equal(typ, formatReference(bib.k95));
  assert.equal(html, formatReference(bib.k95));
});

Deno.test("markdownToHtml: a heading the numbering cannot see fails naming it", () => {
  assert.throws(
    () => markdownToHtml("# T\n\n## One\n\n> ## Quoted\n\n## Two\n", { bib, figureHtml: () => "" }),
    /heading "Quoted" is not where the section numbering expects "Two"/,
  );
});
