import assert from "node:assert/strict";
import { parseSha256Sums, sha256Hex, verifyChecksum } from "./checksums.ts";

Deno.test("sha256Hex: FIPS 180-2 test vector", async () => {
  assert.equal(await sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

Deno.test("verifyChecksum: a changed or unlisted file is an error naming it", async () => {
  const sums = parseSha256Sums("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  data/raw/x.csv\n");
  const enc = (s: string) => new TextEncoder().encode(s);
  assert.equal(await verifyChecksum(sums, "data/raw/x.csv", enc("abc")), sums.get("data/raw/x.csv"));
  await assert.rejects(
    () => verifyChecksum(sums, "data/raw/x.csv", enc("abd")),
    /data file "data\/raw\/x\.csv" was changed/,
  );
  await assert.rejects(() => verifyChecksum(sums, "data/raw/y.csv", enc("abc")), /not listed in data\/raw\/SHA256SUMS/);
});

Deno.test("parseSha256Sums: malformed line names the line", () => {
  assert.throws(() => parseSha256Sums("abc  x\n"), /SHA256SUMS:1: malformed checksum line/);
});
