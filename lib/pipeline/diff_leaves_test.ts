import assert from "node:assert/strict";
import fc from "fast-check";
import { compareMetrics } from "./compare.ts";
import { diffLeaves, leafTable } from "./diff_leaves.ts";

const bitwise = (a: unknown, b: unknown) =>
  compareMetrics(a, b, { mode: "bitwise" }).map((m) => ({ key: m.key, old: m.committed, new: m.recomputed }));

Deno.test("diffLeaves: the rows and order of compareMetrics (bitwise) on hand-picked structure changes", () => {
  const a = {
    z: 1,
    "a.b": 1,
    a: { b: 2, c: [1, 2, 3] },
    "a-b": 3,
    arr: Array.from({ length: 12 }, (_, i) => i),
    grow: [{ x: 1 }, { x: 2 }],
    kind: { x: 1 },
    kind2: [1],
    nul: null,
    neg: 0,
    gone: { deep: { er: 1 } },
    s: "x",
    "k\u0000": 1,
    k: { x: 1 },
  };
  const b = {
    z: 1,
    "a.b": 1.5,
    a: { b: 2, c: [1, 2, 4] },
    "a-b": "3",
    arr: Array.from({ length: 12 }, (_, i) => i === 2 || i === 10 ? -i : i),
    grow: [{ x: 1 }, { x: 3 }, { x: 4 }],
    kind: [1],
    kind2: 7,
    nul: 0,
    neg: -0,
    s: "x",
    added: [1, 2],
    "k\u0000": 2,
    k: { x: 2 },
  };
  const rows = diffLeaves(a, b).objects();
  assert.deepEqual(rows, bitwise(a, b));
  assert.deepEqual(rows.map((r) => r.key), [
    "a.c[2]",
    "a-b",
    "a.b",
    "added",
    "arr[2]",
    "arr[10]",
    "gone",
    "grow.length",
    "k.x",
    "k\u0000",
    "kind",
    "kind2",
    "neg",
    "nul",
  ]);
});

Deno.test("diffLeaves: roots that are leaves or arrays, and identical values", () => {
  for (const [a, b] of [[1, 2], [[1], [1, 2]], [[1, [2]], [1, [3]]], ["x", { x: 1 }], [null, null], [{}, {}]]) {
    assert.deepEqual(diffLeaves(a, b).objects(), bitwise(a, b), JSON.stringify([a, b]));
  }
  assert.equal(diffLeaves({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }).numRows(), 0);
});

Deno.test("leafTable: one row per node, depth first, printed keys as compareMetrics writes them", () => {
  const t = leafTable({ b: [1, { c: null }], a: 2 }, "_x");
  assert.deepEqual(t.array("key_x"), ["", "b", "b[0]", "b[1]", "b[1].c", "a"]);
  assert.deepEqual(t.array("kind_x"), ["object", "array", "leaf", "object", "leaf", "leaf"]);
  assert.deepEqual(t.columnNames(), ["pk", "parent_x", "key_x", "kind_x", "value_x"]);
});

Deno.test("diffLeaves equals compareMetrics (bitwise) on random JSON pairs from a shared key space", () => {
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom<unknown>(0, -0, 1, 1.5, NaN, "x", "1", null, true),
      fc.array(tie("node"), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom("a", "b", "a.b", "a-b", "a[0]", "B", "é", "length", "0"), tie("node"), {
        maxKeys: 4,
      }),
    ),
  }));
  fc.assert(
    fc.property(node, node, (a, b) => {
      assert.deepEqual(diffLeaves(a, b).objects(), bitwise(a, b));
      assert.equal(diffLeaves(a, a).numRows(), 0);
    }),
    { numRuns: 500, seed: 11 },
  );
});
