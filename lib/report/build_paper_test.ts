import assert from "node:assert/strict";
import { expandIncludes, loadMetrics, paperMain, preparePaper, queryLayout } from "./build_paper.ts";
import { bindingKeys } from "./bindings.ts";
import type { Provenance } from "./provenance.ts";
import { discoverStages, stageOutputs } from "../pipeline/stage.ts";

const METRICS = "experiments/e04_core_study/v2/metrics.full.json";
const clean: Provenance = {
  commit: "abc1234",
  modified: [],
  figures: { e04_frontier: "5120189" },
  modifiedFigures: [],
};

/** A one-stage project: a paper with two bound numbers, one of them in math, and one figure. */
async function tinyProject(results: string): Promise<string> {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/paper`);
  await Deno.mkdir(`${root}/figures`);
  await Deno.mkdir(`${root}/experiments/e04_core_study/v2`, { recursive: true });
  await Deno.writeTextFile(
    `${root}/paper/paper.md`,
    [
      "# A Title",
      "",
      "## Method",
      "",
      "At $\\tau = {{e04.tau | fix:2}}$.",
      "",
      "## Results",
      "",
      results,
      "",
      "![The frontier.](fig:e04_frontier)",
      "",
    ].join("\n"),
  );
  await Deno.writeTextFile(`${root}/paper/refs.bib`, "");
  await Deno.writeTextFile(`${root}/figures/e04_frontier.svg`, '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  await Deno.writeFile(`${root}/figures/e04_frontier.png`, new Uint8Array(8));
  await Deno.writeTextFile(`${root}/${METRICS}`, JSON.stringify({ tau: 0.99, share: 0.942 }));
  await Deno.writeTextFile(
    `${root}/experiments/e04_core_study/v2/stage.json`,
    JSON.stringify({ id: "e04_core_study", figureIds: ["e04_frontier"] }),
  );
  return root;
}

Deno.test("preparePaper: commit stamp at the end, figure source in the caption, hover spans in the HTML only", async () => {
  const root = await tinyProject("The rule holds {{e04.share | pct:1}} of static.");
  try {
    const files = { e04: METRICS };
    const metrics = await loadMetrics(root, files);
    const p = await preparePaper(root, metrics, { files, provenance: clean });
    assert.match(p.typ, /\n#text\(size: 8pt, fill: luma\(35%\)\)\[Built from commit abc1234 \(clean\) — [^\n]*\n$/);
    assert.match(
      p.typ,
      /placement: auto, caption: \[The frontier\. #linebreak\(\) #text\(size: 7\.5pt, fill: luma\(35%\)\)\[Source: stage e04\\_core\\_study\/v2 · commit 5120189 · #text\(size: 1\.25em, raw\("deno task figures --stage e04"\)\)\]\]\) <fig:e04_frontier>/,
    );
    assert.match(p.typ, /holds 94\.2% of static/, "the PDF's numbers stay plain");
    assert.ok(!p.typ.includes("bound"));
    assert.match(
      p.html,
      /<p class="stamp">Built from commit abc1234 \(clean\) — <code>deno task reproduce<\/code><\/p>\n<\/body>/,
    );
    assert.match(
      p.html,
      /<figcaption>Figure 1: The frontier\. <span class="source">Source: stage e04_core_study\/v2 · commit 5120189 · <code>deno task figures --stage e04<\/code><\/span><\/figcaption>/,
    );
    assert.match(
      p.html,
      new RegExp(`holds <span class="bound" title="e04\\.share — ${METRICS}">94\\.2%</span> of static`),
    );
    assert.match(p.html, /<mn>0\.99<\/mn>/, "inside math the value is plain");
    assert.deepEqual(p.bare, []);
    // dirty and unknown trees say so; the same tree gives the same bytes
    const d = await preparePaper(root, metrics, { files, provenance: { ...clean, modified: ["paper/paper.md"] } });
    assert.match(d.typ, /Built from commit abc1234 \(dirty\)/);
    const u = await preparePaper(root, metrics, { files });
    assert.match(u.typ, /Built from commit unknown — #text\(size: 1\.25em, raw\("deno task reproduce"\)\)/);
    assert.match(u.html, /Source: stage e04_core_study\/v2 · commit unknown · /);
    assert.deepEqual(await preparePaper(root, metrics, { files, provenance: clean }), p);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("paper --strict: a bare numeral in Results fails before anything is compiled or written", async () => {
  const root = await tinyProject("The rule holds 94.2% of static.");
  try {
    const files = { e04: METRICS };
    await assert.rejects(
      () => preparePaper(root, {}, { files, strict: true }),
      /1 bare numeral\(s\) in the Results section \(bind them to metrics\):\n {2}line \d+: The rule holds 94\.2% of static\./,
    );
    const out = `${root}/build`;
    assert.equal(await paperMain(["--strict", "--out-dir", out], root, files, clean), 1);
    await assert.rejects(() => Deno.stat(out), Deno.errors.NotFound);
    // without --strict the same numeral is only reported
    assert.deepEqual((await preparePaper(root, await loadMetrics(root, files), { files })).bare.length, 1);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the committed paper: every figure caption names its stage, every bound number outside math hovers", async () => {
  const files: Record<string, string> = {};
  for (const s of await discoverStages(".")) {
    const name = stageOutputs(s, "full").find((o) => o.startsWith("metrics."));
    if (name !== undefined) files[s.alias] = `${s.outDir}/${name}`;
  }
  // every bound key gets a value: the test is about the renderer, not about which metrics are committed right now
  const src = await expandIncludes(await Deno.readTextFile("paper/paper.md"), ".");
  const metrics: Record<string, unknown> = {};
  for (const key of bindingKeys(src)) {
    const parts = key.replace(/\[(\d+)\]/g, ".$1").split(".");
    let cur = metrics;
    for (const part of parts.slice(0, -1)) cur = (cur[part] ??= {}) as Record<string, unknown>;
    cur[parts.at(-1)!] = 0.5;
  }
  for (const m of src.matchAll(/\{\{\s*([\w.\[\]-]+)\s*\|\s*yesno\s*\}\}/g)) { // booleans print yes/no
    const parts = m[1].replace(/\[(\d+)\]/g, ".$1").split(".");
    let cur = metrics;
    for (const part of parts.slice(0, -1)) cur = cur[part] as Record<string, unknown>;
    cur[parts.at(-1)!] = true;
  }
  const p = await preparePaper(".", metrics, { files, provenance: clean });
  const figures = [...p.html.matchAll(/<figure id="fig:([\w-]+)">[\s\S]*?<figcaption>([\s\S]*?)<\/figcaption>/g)];
  assert.ok(figures.length > 0);
  for (const [, id, cap] of figures) {
    const alias = id.split("_")[0];
    assert.match(
      cap,
      new RegExp(
        `Source: stage ${alias}_\\w+/v\\d+ · commit \\w+ · <code>deno task figures --stage ${alias}</code></span>$`,
      ),
      id,
    );
  }
  const typCaptions = [...p.typ.matchAll(/caption: \[.*Source: stage .*\]\) <fig:/g)];
  assert.equal(typCaptions.length, figures.length, "every Typst figure caption ends with its source");
  const spans = [...p.html.matchAll(/<span class="bound" title="([^"]*) — ([^"]*)">/g)];
  const inMath = [...src.matchAll(/\$\$[\s\S]+?\$\$|(?<![\\$])\$[^$\n]+?\$/g)].flatMap((m) => bindingKeys(m[0]));
  assert.equal(spans.length, bindingKeys(src).length - inMath.length);
  for (const [, key, file] of spans) assert.equal(file, files[key.split(".")[0]], key);
});

Deno.test("preparePaper: an unknown citation or cross-reference fails with the paper check's message, file and line", async () => {
  const root = await tinyProject("See [@nobody] and @fig:gone.");
  try {
    await assert.rejects(
      () => preparePaper(root, {}, { files: { e04: METRICS } }),
      (e: Error) => {
        assert.match(e.message, /^paper check: the paper cannot be built:/);
        assert.match(e.message, /\[missing-reference\] paper\/paper\.md:9: citation \[@nobody\] has no entry/);
        assert.match(e.message, /\[unresolved-ref\] paper\/paper\.md:9: @fig:gone points to no figure/);
        return true;
      },
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("queryLayout: a document without the check's metadata is an error naming the label", () => {
  assert.throws(() => queryLayout(() => []), /no metadata <pc-body-start>/);
});
