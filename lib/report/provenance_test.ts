import assert from "node:assert/strict";
import {
  figureNote,
  figureStages,
  parseFigureLog,
  parseStatus,
  type Provenance,
  readProvenance,
  stampNote,
  UNKNOWN_PROVENANCE,
} from "./provenance.ts";

const clean: Provenance = {
  commit: "abc1234",
  modified: [],
  figures: { e04_frontier: "5120189" },
  modifiedFigures: [],
};
const dirty: Provenance = {
  ...clean,
  modified: ["paper/paper.md", "figures/e04_frontier.svg"],
  modifiedFigures: ["e04_frontier"],
};
const e04 = { id: "e04_core_study", version: "v2", alias: "e04" };

Deno.test("stampNote: clean, dirty, unknown state, unknown commit", () => {
  assert.deepEqual(stampNote(clean), { text: "Built from commit abc1234 (clean)", command: "deno task reproduce" });
  assert.equal(stampNote(dirty).text, "Built from commit abc1234 (dirty)");
  assert.equal(stampNote({ ...clean, modified: null }).text, "Built from commit abc1234 (state unknown)");
  assert.deepEqual(stampNote(UNKNOWN_PROVENANCE), {
    text: "Built from commit unknown",
    command: "deno task reproduce",
  });
});

Deno.test("figureNote: stage, the figure's last commit (else HEAD, else unknown), uncommitted changes, rebuild command", () => {
  assert.deepEqual(figureNote(clean, "e04_frontier", e04), {
    text: "stage e04_core_study/v2 · commit 5120189",
    command: "deno task figures --stage e04",
  });
  assert.equal(figureNote(clean, "e04_new", e04).text, "stage e04_core_study/v2 · commit abc1234");
  assert.equal(
    figureNote(dirty, "e04_frontier", e04).text,
    "stage e04_core_study/v2 · commit 5120189 + uncommitted changes",
  );
  assert.equal(figureNote(UNKNOWN_PROVENANCE, "e04_frontier", e04).text, "stage e04_core_study/v2 · commit unknown");
  assert.deepEqual(figureNote(clean, "loose", undefined), {
    text: "figures/loose.png · commit abc1234",
    command: "deno task figures",
  });
});

Deno.test("parseFigureLog: newest commit per figure over its .vl.json/.svg/.png, repository prefix stripped", () => {
  const log = [
    "\0ccc3333\n\nsub/figures/a.vl.json\nsub/README.md",
    "\0bbb2222\n\nsub/figures/a.png\nsub/figures/b.svg",
    "\0aaa1111\n\nsub/figures/b.png\nsub/figures/c.png\n",
  ].join("\n");
  assert.deepEqual(parseFigureLog(log, "sub/"), { a: "ccc3333", b: "bbb2222", c: "aaa1111" });
  assert.deepEqual(parseFigureLog("", ""), {});
});

Deno.test("parseStatus: porcelain -z records, renames give both paths", () => {
  assert.deepEqual(
    parseStatus(" M sub/paper/paper.md\0M  sub/figures/a.png\0R  sub/new.ts\0sub/old.ts\0", "sub/"),
    ["paper/paper.md", "figures/a.png", "new.ts", "old.ts"],
  );
  assert.deepEqual(parseStatus("", ""), []);
});

Deno.test("readProvenance: never throws; without --allow-run=git it says commit unknown", async () => {
  const p = await readProvenance(".");
  const granted = (await Deno.permissions.query({ name: "run", command: "git" })).state === "granted";
  if (!granted) assert.deepEqual(p, UNKNOWN_PROVENANCE);
  else if (p.commit !== null) assert.match(p.commit, /^[0-9a-f]{7,}$/);
});

Deno.test("figureStages: the stage.json beside each metrics file declares its figures", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/experiments/e04_core_study/v2`, { recursive: true });
    await Deno.writeTextFile(
      `${root}/experiments/e04_core_study/v2/stage.json`,
      JSON.stringify({ id: "e04_core_study", figureIds: ["e04_frontier", "e04_other"] }),
    );
    const s = await figureStages(root, {
      e04: "experiments/e04_core_study/v2/metrics.full.json",
      e99: "experiments/e99_gone/v1/metrics.full.json",
    });
    assert.deepEqual(s, { e04_frontier: e04, e04_other: e04 });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("figureStages: every figure of the committed stages has its stage", async () => {
  const s = await figureStages(".", { e04: "experiments/e04_core_study/v2/metrics.full.json" });
  assert.deepEqual(s.e04_frontier, e04);
});
