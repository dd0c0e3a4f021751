import assert from "node:assert/strict";
import { extractMath, markdownToHtml, markdownToTypst } from "./markdown.ts";
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
