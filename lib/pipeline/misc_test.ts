import assert from "node:assert/strict";
import { compareMetrics } from "./compare.ts";
import { normalizePath, relativeSpecifiers } from "./imports.ts";
import { removeStaleTemps, writeFileAtomic } from "./atomic.ts";

Deno.test("compareMetrics: bitwise vs tolerance, names key paths", () => {
  assert.deepEqual(compareMetrics({ a: { b: [1, 2] } }, { a: { b: [1, 2] } }, { mode: "bitwise" }), []);
  assert.deepEqual(compareMetrics({ a: { b: [1, 2] } }, { a: { b: [1, 2.0000001] } }, { mode: "bitwise" }), [
    { key: "a.b[1]", committed: 2, recomputed: 2.0000001 },
  ]);
  assert.deepEqual(compareMetrics({ x: 1 }, { x: 1 + 1e-10 }, { mode: "tolerance", abs: 0, rel: 1e-9 }), []);
  assert.equal(compareMetrics({ x: 1 }, { y: 1 }, { mode: "bitwise" }).length, 2);
});

Deno.test("imports: relative specifiers and path normalisation", () => {
  const src =
    `import { a } from "./a.ts";\nimport type { B } from "../b/b.ts";\nimport x from "npm:x@1";\n// import "./no.ts";\nexport * from "./c.ts";`;
  assert.deepEqual(relativeSpecifiers(src), ["./a.ts", "../b/b.ts", "./c.ts"]);
  assert.equal(normalizePath("experiments/e01/v1/../../../lib/x.ts"), "lib/x.ts");
});

Deno.test("writeFileAtomic: replaces whole files; stale temps are cleaned", async () => {
  await Deno.mkdir(".cache/tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: ".cache/tmp" });
  try {
    await writeFileAtomic(`${dir}/sub/f.json`, "one");
    await writeFileAtomic(`${dir}/sub/f.json`, "two");
    assert.equal(await Deno.readTextFile(`${dir}/sub/f.json`), "two");
    await Deno.writeTextFile(`${dir}/sub/f.json.tmp-123-0`, "half");
    assert.equal(await removeStaleTemps(`${dir}/sub`, 60_000), 0); // just written: maybe in flight, kept
    assert.equal(await removeStaleTemps(`${dir}/sub`, 60_000, Date.now() + 61_000), 1); // a minute later: stale
    await Deno.writeTextFile(`${dir}/sub/f.json.tmp-123-1`, "half");
    assert.equal(await removeStaleTemps(`${dir}/sub`), 1);
    assert.deepEqual([...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name), ["f.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
