/**
 * SHA-256 helpers and the `data/raw/SHA256SUMS` manifest (GNU coreutils
 * `sha256sum` format: `<hex>  <path>`), so that a changed data file is an
 * error naming the file.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./checksums.ts";
 * await sha256Hex(new TextEncoder().encode("abc"));
 * // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 * @module
 */

import { sha256Hex } from "../core/hash.ts";
export { sha256Hex };

/**
 * Parse a SHA256SUMS file into a map path → hex digest.
 * @throws {RangeError} naming the line on a malformed entry or duplicate path
 */
export function parseSha256Sums(text: string, file = "SHA256SUMS"): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new RangeError(`${file}:${i + 1}: malformed checksum line "${raw}" (expected "<sha256>  <path>")`);
    if (out.has(m[2])) throw new RangeError(`${file}:${i + 1}: duplicate entry for "${m[2]}"`);
    out.set(m[2], m[1]);
  });
  return out;
}

/**
 * Check `bytes` of `path` against the manifest.
 * @throws {RangeError} naming the file, both digests and how to fix it
 */
export async function verifyChecksum(
  sums: Map<string, string>,
  path: string,
  bytes: Uint8Array,
  manifestName = "data/raw/SHA256SUMS",
): Promise<string> {
  const expected = sums.get(path);
  if (expected === undefined) {
    throw new RangeError(
      `data file "${path}" is not listed in ${manifestName}: add it (sha256sum ${path}) together with a SOURCE.md note`,
    );
  }
  const got = await sha256Hex(bytes);
  if (got !== expected) {
    throw new RangeError(
      `data file "${path}" was changed: sha256 ${got} but ${manifestName} expects ${expected}. ` +
        `Restore it (git checkout -- ${path}) or, if the change is intended, document it in its SOURCE.md and update ${manifestName}.`,
    );
  }
  return got;
}
