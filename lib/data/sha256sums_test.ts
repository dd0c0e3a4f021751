import assert from "node:assert/strict";
import { parseSha256Sums, sha256Hex } from "./checksums.ts";

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* walk(p);
    else if (e.isFile) yield p;
  }
}

Deno.test("data/raw/SHA256SUMS covers every vendored file, and every checksum matches", async () => {
  const sums = parseSha256Sums(await Deno.readTextFile("data/raw/SHA256SUMS"), "data/raw/SHA256SUMS");
  const files: string[] = [];
  for await (const f of walk("data/raw")) if (f !== "data/raw/SHA256SUMS") files.push(f);
  const unlisted = files.filter((f) => !sums.has(f));
  assert.deepEqual(unlisted, [], `files missing from SHA256SUMS: ${unlisted.join(", ")}`);
  const gone = [...sums.keys()].filter((f) => !files.includes(f));
  assert.deepEqual(gone, [], `SHA256SUMS lists files that do not exist: ${gone.join(", ")}`);
  for (const f of files) assert.equal(await sha256Hex(await Deno.readFile(f)), sums.get(f), `${f} changed`);
});
