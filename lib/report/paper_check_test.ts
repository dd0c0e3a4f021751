import assert from "node:assert/strict";
import { checkPaper, maskNonProse, PAPER_LIMITS, type PaperCheckInput } from "./paper_check.ts";
import { parseBibtex } from "./bibtex.ts";

/** 20 bib entries r01…r20, each cited once in the clean paper. */
const keys = Array.from({ length: 20 }, (_, i) => `r${String(i + 1).padStart(2, "0")}`);
const bib = parseBibtex(keys.map((k) => `@misc{${k}, author = {A. Author}, title = {T ${k}}, year = 2020}`).join("\n"));

const CLEAN = [
  "# A Title",
  "",
  "## Abstract",
  "",
  "Margin at equal coverage holds {{e04.share | pct:1}} of static [@r01; @r02].",
  "",
  "## Data {#sec:data}",
  "",
  `Sources ${keys.slice(2).map((k) => `[@${k}]`).join(" ")}; see @sec:data, @fig:e04_frontier and @tab:e01_backtest.`,
  "Run `deno task reproduce` to rebuild; $e_{04}$ is a symbol, not an id.",
  "",
  "| a | b |",
  "|--|--|",
  "| 1 | 2 |",
  "",
  ": Backtest {#tab:e01_backtest}",
  "",
  "![The frontier.](fig:e04_frontier)",
  "",
  "<!-- include: experiments/e04_core_study/v2/paper_section.md -->",
  "",
  "```",
  "lib/margin/hs.ts e04 @fig:nowhere",
  "```",
].join("\n");

/** A figure whose 12px text prints at 12 × 470 / 600 = 9.4 pt. */
const goodSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><text font-size="12px">a</text></svg>';
const layout = { bodyStartPage: 2, referencesPage: 9, textWidthPt: 470 };

function input(text: string, extra: Partial<PaperCheckInput> = {}): PaperCheckInput {
  return {
    sources: [{ file: "paper/paper.md", text }],
    bib,
    layout,
    figures: [{ id: "e04_frontier", svg: goodSvg }],
    ...extra,
  };
}

const kinds = (text: string, extra: Partial<PaperCheckInput> = {}) => checkPaper(input(text, extra)).map((p) => p.kind);

Deno.test("checkPaper: a clean paper passes (ids inside bindings, labels, math, code and comments are not prose)", () => {
  assert.deepEqual(checkPaper(input(CLEAN)), []);
});

Deno.test("checkPaper: body of more than seven pages, counted from the page after the cover to the one before References", () => {
  assert.deepEqual(kinds(CLEAN, { layout: { ...layout, referencesPage: 9 } }), []); // pages 2–8: seven
  const p = checkPaper(input(CLEAN, { layout: { ...layout, referencesPage: 10 } }));
  assert.deepEqual(p.map((x) => [x.kind, x.where]), [["body-pages", "PDF pages 2–9"]]);
  assert.match(p[0].message, /the body runs 8 pages .*References, which starts on PDF page 10.*at most 7/);
  assert.throws(
    () => checkPaper(input(CLEAN, { layout: { ...layout, referencesPage: NaN } })),
    /layout must be finite/,
  );
});

Deno.test("checkPaper: figure text below 7 pt at print size, scaled by the text width", () => {
  // 11px in a 821px-wide SVG printed 470 pt wide: 6.3 pt
  const small = '<svg width="821" height="394" viewBox="0 0 821 394"><text font-size="11px">a</text></svg>';
  const p = checkPaper(input(CLEAN, { figures: [{ id: "e04_frontier", svg: small }] }));
  assert.deepEqual(p.map((x) => [x.kind, x.where]), [["figure-font", "figure e04_frontier"]]);
  assert.match(
    p[0].message,
    /prints at 6\.3 pt \(font-size 11px in an SVG 821px wide, printed 470 pt wide\).*at most 738px/,
  );
  // the same SVG on a wider text block passes: the width comes from the layout, not a constant
  assert.deepEqual(
    kinds(CLEAN, { figures: [{ id: "e04_frontier", svg: small }], layout: { ...layout, textWidthPt: 530 } }),
    [],
  );
  // exactly 7 pt passes
  const edge = `<svg width="470"><text style="font-size: 7px">a</text></svg>`;
  assert.deepEqual(kinds(CLEAN, { figures: [{ id: "x", svg: edge }] }), []);
});

Deno.test("checkPaper: cited keys missing from refs.bib, uncited entries, fewer than 20 references", () => {
  const missing = checkPaper(input(CLEAN + "\n\nAlso [@nobody].\n"));
  assert.deepEqual(missing.map((x) => [x.kind, x.where]), [["missing-reference", "paper/paper.md:26"]]);
  assert.match(missing[0].message, /\[@nobody\] has no entry in paper\/refs\.bib/);
  const extra = parseBibtex("@misc{unused, title = {U}, year = 2000}");
  const uncited = checkPaper(input(CLEAN, { bib: { ...bib, ...extra } }));
  assert.deepEqual(uncited.map((x) => [x.kind, x.where]), [["uncited-reference", "paper/refs.bib: unused"]]);
  const { r20: _dropped, ...nineteen } = bib;
  const few = checkPaper(input(CLEAN.replace(" [@r20]", ""), { bib: nineteen }));
  assert.deepEqual(few.map((x) => x.kind), ["too-few-references"]);
  assert.match(few[0].message, /19 references are listed; at least 20/);
  assert.equal(PAPER_LIMITS.minReferences, 20);
});

Deno.test("checkPaper: stage ids and code paths in the prose, with file and line", () => {
  const text = CLEAN +
    "\n\nThe core study (e04) and d01's panel come from lib/margin/hs.ts and `experiments/e04/run.ts`.\n";
  const p = checkPaper(input(text));
  assert.deepEqual(p.map((x) => [x.kind, x.where]), [
    ["stage-id", "paper/paper.md:26"],
    ["stage-id", "paper/paper.md:26"],
    ["code-path", "paper/paper.md:26"],
    ["code-path", "paper/paper.md:26"],
  ]);
  assert.match(p[0].message, /internal stage id "e04" in the prose: «.*The core study \(e04\) and d01/);
  assert.match(p[1].message, /"d01"/);
  assert.match(p[2].message, /code path "lib\/margin\/hs\.ts"/);
  assert.match(p[3].message, /code path "experiments\/e04\/run\.ts"/, "a path set as code is still a path");
  // an included section is named by its own file
  const inc = checkPaper({
    ...input(CLEAN),
    sources: [
      { file: "paper/paper.md", text: CLEAN },
      { file: "experiments/e07_stress/v1/paper_section.md", text: "### Stress (e07)\n" },
    ],
  });
  assert.deepEqual(inc.map((x) => [x.kind, x.where]), [["stage-id", "experiments/e07_stress/v1/paper_section.md:1"]]);
});

Deno.test("checkPaper: cross-references to no figure, table or section", () => {
  const p = checkPaper(input(CLEAN + "\n\nSee @fig:e04_gone, @tab:nope and @sec:results.\n"));
  assert.deepEqual(p.map((x) => [x.kind, x.where]), [
    ["unresolved-ref", "paper/paper.md:26"],
    ["unresolved-ref", "paper/paper.md:26"],
    ["unresolved-ref", "paper/paper.md:26"],
  ]);
  assert.match(p[0].message, /@fig:e04_gone points to no figure/);
  assert.match(p[1].message, /@tab:nope points to no table/);
  assert.match(p[2].message, /@sec:results points to no section \(labels: ## Title \{#sec:id\}\)/);
});

Deno.test("maskNonProse: keeps line numbers and lengths", () => {
  const t = "a\n```\ne04\n```\n<!-- e04\n-->\n$$\nd01\n$$\nb";
  const m = maskNonProse(t);
  assert.equal(m.length, t.length);
  assert.equal(m.split("\n").length, t.split("\n").length);
  assert.doesNotMatch(m, /e04|d01/);
});
