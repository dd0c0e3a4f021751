/**
 * SHA-256 hex digests (Web Crypto) and canonical JSON, the building blocks of
 * content hashing for data files and the pipeline cache.
 *
 * @example
 * ```ts
 * import { canonicalJson, sha256Hex } from "./hash.ts";
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * await sha256Hex("abc"); // "ba7816bf…"
 * ```
 * @module
 */

/** Hex SHA-256 of bytes or a string (UTF-8). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * JSON with object keys sorted recursively, so equal values always give equal
 * text (and hashes). Non-finite numbers are rejected: metrics must be finite or
 * explicitly `null`.
 *
 * @throws {RangeError} naming the key path of a NaN/Infinity value
 */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value, "$"), null, indent);
}

function sortKeys(v: unknown, path: string): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) {
    throw new RangeError(`canonicalJson: ${path} is ${v}; write null for a missing value`);
  }
  if (Array.isArray(v)) return v.map((x, i) => sortKeys(x, `${path}[${i}]`));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return Array.from(v as unknown as ArrayLike<number>, (x, i) => sortKeys(x, `${path}[${i}]`));
  }
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k], `${path}.${k}`);
    return out;
  }
  return v;
}
