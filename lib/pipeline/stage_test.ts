import assert from "node:assert/strict";
import { downstream, parseStageSpec, topoOrder, upstreamClosure } from "./stage.ts";

const spec = (id: string, deps: string[] = []) =>
  parseStageSpec({ id, description: id, deps, outputs: ["metrics.{profile}.json"] }, `${id}/stage.json`, id, 1);

Deno.test("parseStageSpec: validates ids, outputs, reproduce mode and permissions", () => {
  const s = spec("e01_demo");
  assert.equal(s.alias, "e01");
  assert.deepEqual(s.reproduce, { mode: "bitwise" });
  assert.throws(
    () => parseStageSpec({ id: "demo", description: "d", outputs: ["a"] }, "s.json", ".", 1),
    /id "demo" must look like/,
  );
  assert.throws(
    () => parseStageSpec({ id: "e01_x", description: "d", outputs: ["m.json"] }, "s.json", ".", 1),
    /must contain \{profile\}/,
  );
  assert.throws(
    () =>
      parseStageSpec(
        { id: "e01_x", description: "d", outputs: ["m.{profile}.json"], permissions: ["-A"] },
        "s.json",
        ".",
        1,
      ),
    /permission "-A" is not allowed/,
  );
  assert.throws(
    () => parseStageSpec({ id: "e01_x", description: "d", outputs: ["x"], foo: 1 }, "s.json", ".", 1),
    /unknown key "foo"/,
  );
});

Deno.test("topoOrder, upstreamClosure, downstream; cycles are named", () => {
  const a = spec("a01_a"), b = spec("b01_b", ["a01_a"]), c = spec("c01_c", ["b01_b"]);
  assert.deepEqual(topoOrder([c, b, a]).map((s) => s.id), ["a01_a", "b01_b", "c01_c"]);
  assert.deepEqual([...upstreamClosure([a, b, c], ["b01_b"])].sort(), ["a01_a", "b01_b"]);
  assert.deepEqual([...downstream([a, b, c], "a01_a")].sort(), ["b01_b", "c01_c"]);
  const x = spec("x01_x", ["y01_y"]), y = spec("y01_y", ["x01_x"]);
  assert.throws(() => topoOrder([x, y]), /dependency cycle: x01_x → y01_y → x01_x/);
});

Deno.test("parseStageSpec: volatile key prefixes are declared data", () => {
  const s = parseStageSpec(
    { id: "e01_x", description: "d", outputs: ["m.{profile}.json"], volatile: ["latency"] },
    "s.json",
    ".",
    1,
  );
  assert.deepEqual(s.volatile, ["latency"]);
  assert.throws(
    () =>
      parseStageSpec({ id: "e01_x", description: "d", outputs: ["m.{profile}.json"], volatile: [1] }, "s.json", ".", 1),
    /"volatile" must be an array of strings/,
  );
});
