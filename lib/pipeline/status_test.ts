import assert from "node:assert/strict";
import type { GraphNode } from "./graph.ts";
import {
  diffInputs,
  diffParamKeys,
  explainInputs,
  formatDag,
  formatSeconds,
  formatStatus,
  pipelineStatus,
} from "./status.ts";

Deno.test("diffInputs, diffParamKeys", () => {
  assert.deepEqual(diffInputs({ a: "1", b: "2" }, { a: "1", b: "3", c: "4" }), {
    changed: ["b"],
    added: ["c"],
    removed: [],
  });
  assert.deepEqual(diffInputs({ a: "1" }, {}).removed, ["a"]);
  assert.deepEqual(diffParamKeys({ a: 1, b: { c: [1, 2] }, d: 1 }, { a: 1, b: { c: [1, 3] }, e: 2 }), [
    "b.c",
    "d",
    "e",
  ]);
  assert.deepEqual(diffParamKeys({ a: 1 }, { a: 1 }), []);
});

Deno.test("explainInputs: code, params, data and upstream outputs, with counts", () => {
  const n = { files: ["data/raw/x.csv", "data/derived/d01/p.csv"] } as unknown as GraphNode;
  const why = explainInputs(
    n,
    { changed: ["lib/a.ts", "lib/b.ts", "experiments/e01/v1/params.json", "data/raw/x.csv"], added: [], removed: [] },
    new Set(["data/derived/d01/p.csv"]),
  );
  assert.deepEqual(why, [
    "code: 2 file(s) changed (lib/a.ts, lib/b.ts)",
    "params: 1 file(s) changed (experiments/e01/v1/params.json)",
    "data: 1 file(s) changed (data/raw/x.csv)",
  ]);
});

Deno.test("formatSeconds, formatDag, formatStatus", () => {
  assert.equal(formatSeconds(4.44), "4.4s");
  assert.equal(formatSeconds(185), "3m05s");
  const nodes = [
    { id: "a", kind: "stage", profile: "quick", deps: [] },
    { id: "b", kind: "stage", profile: "quick", deps: ["a"] },
  ] as unknown as GraphNode[];
  assert.equal(formatDag(nodes), "a [stage, quick]\nb [stage, quick] ← a");
  const text = formatStatus({
    profile: "quick",
    nodes: [
      { id: "a", kind: "stage", profile: "quick", state: "up to date", reasons: [], etaSeconds: 2 },
      { id: "b", kind: "stage", profile: "quick", state: "will run", reasons: ["code: 1 file(s)"], etaSeconds: 65 },
    ],
    committed: [{ stage: "b", profile: "quick", current: false, detail: "code: 1 file(s)" }],
  });
  assert.match(text, /→ b \[quick\]: will run \(last 1m05s\)\n {6}code: 1 file\(s\)/);
  assert.match(text, /1 of 2 node\(s\) will run; ETA 1m05s/);
  assert.match(text, /committed metrics: 0 of 1 made by the code in the tree\n {2}! b \[quick\]/);
});

Deno.test("pipelineStatus on the project: reads only, one entry per needed node", async () => {
  const st = await pipelineStatus(".", "quick", { only: ["d01"] });
  assert.deepEqual(st.nodes.map((n) => n.id), ["d01_panel"]);
  assert.ok(["up to date", "will run", "error"].includes(st.nodes[0].state));
  assert.deepEqual(st.committed.map((c) => `${c.stage}/${c.profile}`), ["d01_panel/full"]);
});
