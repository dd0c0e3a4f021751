import assert from "node:assert/strict";
import { readUpstreamJson } from "./upstream_json.ts";

Deno.test("readUpstreamJson: parses the upstream file; a syntax error names stage and file", async () => {
  const dir = await Deno.makeTempDir({ dir: ".cache/tmp" }).catch(() => Deno.makeTempDir());
  try {
    await Deno.writeTextFile(`${dir}/ok.json`, '{"a": [1, 2]}');
    await Deno.writeTextFile(`${dir}/bad.json`, '{"a": ');
    const ctx = { upstream: (_s: string, n: string) => Promise.resolve(`${dir}/${n}`) };
    assert.deepEqual((await readUpstreamJson(ctx, "e12_multi_asset", "ok.json")).value, { a: [1, 2] });
    await assert.rejects(
      () => readUpstreamJson(ctx, "e12_multi_asset", "bad.json"),
      (e: unknown) => e instanceof SyntaxError && e.message.includes("e12_multi_asset/bad.json"),
    );
    const refusing = { upstream: () => Promise.reject(new RangeError("not in deps")) };
    await assert.rejects(
      () => readUpstreamJson(refusing, "x", "ok.json"),
      (e: unknown) => e instanceof RangeError && e.message.includes("not in deps"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
