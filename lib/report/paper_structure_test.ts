import assert from "node:assert/strict";
import { balanceTitle, citationKeys, headingLabel, scanSections, splitAppendix } from "./paper_structure.ts";

Deno.test("scanSections: numbers as the PDF does, Abstract/References unnumbered, appendices lettered", () => {
  const md = [
    "# Title",
    "## Abstract",
    "## Intro",
    "### Why {#sec:why}",
    "### How",
    "#### Detail",
    "## Results",
    "```",
    "## not a heading",
    "```",
    "### First",
    "## References",
    "<!-- appendix -->",
    "## Features {#sec:features}",
    "### Surfaces",
    "## SIMM",
  ].join("\n");
  const s = scanSections(md);
  assert.deepEqual(s.map((x) => [x.number, x.title, x.refText]), [
    [null, "Abstract", "Abstract"],
    ["1", "Intro", "Section 1"],
    ["1.1", "Why", "Section 1.1"],
    ["1.2", "How", "Section 1.2"],
    ["1.2.1", "Detail", "Section 1.2.1"],
    ["2", "Results", "Section 2"],
    ["2.1", "First", "Section 2.1"],
    [null, "References", "References"],
    ["Appendix A", "Features", "Appendix A"],
    ["A.1", "Surfaces", "A.1"],
    ["Appendix B", "SIMM", "Appendix B"],
  ]);
  assert.deepEqual(s.filter((x) => x.id).map((x) => [x.id, x.line, x.appendix]), [
    ["sec:why", 4, false],
    ["sec:features", 14, true],
  ]);
});

Deno.test("splitAppendix, headingLabel, citationKeys", () => {
  assert.deepEqual(splitAppendix("a\n<!-- appendix -->\nb"), { main: "a", appendix: "b" });
  assert.deepEqual(splitAppendix("a\nb"), { main: "a\nb", appendix: "" });
  assert.deepEqual(headingLabel("Data and protocol {#sec:data}"), { title: "Data and protocol", id: "sec:data" });
  assert.deepEqual(headingLabel("Plain"), { title: "Plain" });
  assert.deepEqual(citationKeys("x [@b; @a] y [@b] z [@c]"), ["b", "a", "c"]);
});

Deno.test("balanceTitle: fewest lines, as even as possible, never longer than allowed when words allow it", () => {
  const t = "Learning a Dynamic Correction Factor for Initial Margin";
  assert.deepEqual(balanceTitle(t, 80), [t]);
  const two = balanceTitle(t, 34);
  assert.equal(two.length, 2);
  assert.equal(two.join(" "), t);
  assert.ok(Math.min(...two.map((l) => l.split(" ").length)) > 1, "no one-word line");
  const three = balanceTitle(t, 20);
  assert.equal(three.length, 3);
  assert.ok(three.every((l) => l.length <= 22), JSON.stringify(three));
  assert.deepEqual(balanceTitle("", 10), []);
});
