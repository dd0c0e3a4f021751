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
});

Deno.test("markdownToTypst: title, headings, math, citations, figures and captioned tables", () => {
  const t = markdownToTypst(md, { figureFile: (id) => `/figures/${id}.png`, bibFile: "/paper/refs.bib" });
  assert.match(t, /#align\(center, text\(size: 17pt, weight: "bold"\)\[The Title\]\)/);
  assert.match(t, /^= Intro$/m);
  assert.match(t, /\$L_\(t, t \+ h\)\$/);
  assert.match(t, /_big_ @k95, see @fig:f1 and @tab:t1\./);
  assert.match(t, /#figure\(image\("\/figures\/f1\.png", width: 100%\), caption: \[A figure\.\]\) <fig:f1>/);
  assert.match(t, /#figure\(table\(columns: 2, .*caption: \[A table\], kind: table\) <tab:t1>/);
  assert.match(t, /#bibliography\("\/paper\/refs\.bib"/);
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

Deno.test("markdownToTypst: stamp under the title, every figure caption ends with its source", () => {
  const t = markdownToTypst(twoFigures, {
    figureFile: (id) => `/figures/${id}.png`,
    bibFile: "/paper/refs.bib",
    stamp,
    figureSource,
  });
  const title = t.indexOf("[The Title]");
  const st = t.indexOf('Built from commit abc1234 (clean) — #text(size: 1.25em, raw("deno task reproduce"))');
  assert.ok(title > 0 && st > title && st < t.indexOf("= Intro"), "the stamp follows the title, before the body");
  assert.match(t, /#align\(center, text\(size: 8pt, fill: luma\(35%\)\)\[Built from commit abc1234 \(clean\) — /);
  const captions = [...t.matchAll(/#figure\(image\([^)]*\), caption: \[(.*)\]\) <fig:([\w-]+)>/g)];
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
  const plain = markdownToTypst(md, { figureFile: (id) => `/figures/${id}.png`, bibFile: "/paper/refs.bib" });
  assert.ok(!plain.includes("Source:") && !plain.includes("Built from"));
});

Deno.test("markdownToHtml: stamp after the title, figure sources, bound numbers as hover spans", () => {
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
    /<\/h1>\n<p class="stamp">Built from commit abc1234 \(clean\) — <code>deno task reproduce<\/code><\/p>/,
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
  assert.throws(() => parseBibtex("@misc{a, title={x}}\n@misc{a, title={y}}"), /duplicate entry "a"/);
});

Deno.test("normaliseTex: \\lvert/\\rvert become bars that Typst understands", async () => {
  const { normaliseTex } = await import("./markdown.ts");
  assert.equal(normaliseTex("\\lvert\\rho\\rvert"), "|\\rho|");
  const t = markdownToTypst("# T\n\nx $\\lvert\\rho\\rvert$", { figureFile: (i) => i, bibFile: "b" });
  assert.match(t, /\$\|rho\|\$|\$\| rho \|\$/);
});
