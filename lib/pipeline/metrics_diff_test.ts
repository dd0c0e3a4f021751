import assert from "node:assert/strict";
import { type Binder, diffProject, formatDiff, memorySide } from "./metrics_diff.ts";

const BINDER: Binder = {
  pattern: /\{\{\s*([A-Za-z0-9_.\[\]-]+)\s*(?:\|\s*([a-z]+)(?::(\d+))?\s*)?\}\}/g,
  lookup: (m, k) => {
    let cur: unknown = m;
    for (const p of k.split(".")) {
      if (cur === null || typeof cur !== "object" || !(p in cur)) throw new RangeError(`"${p}" not found`);
      cur = (cur as Record<string, unknown>)[p];
    }
    return cur;
  },
  format: (v, fmt, d) => fmt === "pct" ? `${((v as number) * 100).toFixed(d ?? 1)}%` : String(v),
};

const stage = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: "e04_x", description: "d", outputs: ["metrics.{profile}.json"], ...extra });

Deno.test("diffProject: tolerance and volatile keys are counted, not listed; versions are matched by stage", async () => {
  const rule = { reproduce: { mode: "tolerance", abs: 1e-9, rel: 0 }, volatile: ["latency"] };
  const a = memorySide("A", {
    "experiments/e04_x/v1/stage.json": stage(rule),
    "experiments/e04_x/v1/metrics.quick.json": JSON.stringify({ a: 1, b: 2, latency: { p50: 3 } }),
  });
  const b = memorySide("B", {
    "experiments/e04_x/v2/stage.json": stage(rule),
    "experiments/e04_x/v2/metrics.quick.json": JSON.stringify({ a: 1 + 1e-12, b: 2.5, latency: { p50: 4 }, c: "new" }),
  });
  const d = await diffProject(a, b);
  assert.deepEqual(d.rows, [
    { section: "metrics", key: "e04_x/quick: b", old: 2, new: 2.5, delta: 0.5 },
    { section: "metrics", key: "e04_x/quick: c", old: undefined, new: "new", delta: null },
  ]);
  assert.equal(d.withinTolerance, 1);
  assert.equal(d.volatile, 1);
  assert.deepEqual(d.notes, [
    "e04_x/quick: experiments/e04_x/v1/metrics.quick.json → experiments/e04_x/v2/metrics.quick.json",
  ]);
  const text = formatDiff(d);
  assert.match(text, /metrics: 2 difference\(s\) \(1 more within the stage's tolerance, 1 volatile/);
  assert.match(text, /e04_x\/quick: b\s+2\s+2\.5\s+\+0\.5/);
  assert.match(formatDiff(d, true), /\| e04_x\/quick: b \| 2 \| 2\.5 \| \+0\.5 \|/);
});

Deno.test("diffProject: bound paper numbers compare as printed, through includes; shared params by path", async () => {
  const common = {
    "experiments/e04_x/v1/stage.json": stage(),
    "paper/paper.md": "Rate {{e04.rate | pct:1}} and {{e04.n}}.\n<!-- include: experiments/e04_x/v1/section.md -->\n",
    "experiments/e04_x/v1/section.md": "Other {{e04.other | pct:0}}; missing {{e04.gone}}",
  };
  const a = memorySide("A", {
    ...common,
    "experiments/e04_x/v1/metrics.full.json": JSON.stringify({ rate: 0.0123, n: 5, other: 0.5, gone: 1 }),
    "experiments/shared/study.params.json": '{"base": {"tau": 0.99}}',
  });
  const b = memorySide("B", {
    ...common,
    "experiments/e04_x/v1/metrics.full.json": JSON.stringify({ rate: 0.01234, n: 6, other: 0.501 }),
    "experiments/shared/study.params.json": '{"base": {"tau": 0.975}}',
  });
  const d = await diffProject(a, b, BINDER);
  assert.deepEqual(d.paper, { bindings: 4, changed: 2 });
  const paper = d.rows.filter((r) => r.section === "paper").map((r) => [r.key, r.old, r.new]);
  assert.deepEqual(paper, [["{{e04.n}}", "5", "6"], ["{{e04.gone}}", "1", '(unresolved: "gone" not found)']]);
  const params = d.rows.filter((r) => r.section === "params");
  assert.deepEqual(params.map((r) => r.key), ["shared/study.params.json: base.tau"]);
  assert.ok(Math.abs(params[0].delta! + 0.015) < 1e-12);
  // the same side against itself: nothing
  const same = await diffProject(a, a, BINDER);
  assert.deepEqual([same.rows.length, same.paper], [0, { bindings: 4, changed: 0 }]);
});

Deno.test("diffProject: paper rows in order of first appearance (side A's bindings, then those new in B)", async () => {
  const metrics = { "experiments/e04_x/v1/stage.json": stage() };
  const a = memorySide("A", {
    ...metrics,
    "experiments/e04_x/v1/metrics.full.json": JSON.stringify({ x: 1, y: 2, z: 3 }),
    "paper/paper.md": "{{e04.z}} {{e04.x}} {{e04.y}} {{e04.z}}",
  });
  const b = memorySide("B", {
    ...metrics,
    "experiments/e04_x/v1/metrics.full.json": JSON.stringify({ x: 1.5, y: 2, z: 4, w: 0 }),
    "paper/paper.md": "{{e04.w}} {{e04.x}} {{e04.z}} {{e04.x | pct:0}}",
  });
  const d = await diffProject(a, b, BINDER);
  assert.deepEqual(d.paper, { bindings: 5, changed: 5 });
  assert.deepEqual(d.rows.filter((r) => r.section === "paper"), [
    { section: "paper", key: "{{e04.z}}", old: "3", new: "4", delta: 1 },
    { section: "paper", key: "{{e04.x}}", old: "1", new: "1.5", delta: 0.5 },
    { section: "paper", key: "{{e04.y}}", old: "2", new: undefined, delta: null },
    { section: "paper", key: "{{e04.w}}", old: undefined, new: "0", delta: null },
    { section: "paper", key: "{{e04.x | pct:0}}", old: undefined, new: "150%", delta: null },
  ]);
  // metrics rows: structure changes as verify's compareMetrics lists them (a new key is one row, Δ for numbers)
  assert.deepEqual(d.rows.filter((r) => r.section === "metrics").map((r) => [r.key, r.old, r.new, r.delta]), [
    ["e04_x/full: w", undefined, 0, null],
    ["e04_x/full: x", 1, 1.5, 0.5],
    ["e04_x/full: z", 3, 4, 1],
  ]);
});
