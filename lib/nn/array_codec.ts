/**
 * Exact, compact JSON encoding of typed arrays (little-endian bytes in base64),
 * used to save model weights without losing a bit.
 * @module
 */

/**
 * Encode a Float32Array or Float64Array as `{ dtype, base64 }`.
 *
 * @example
 * ```ts
 * const e = encodeArray(Float64Array.of(0.1));
 * console.assert(decodeArray(e)[0] === 0.1);
 * ```
 */
export function encodeArray(a: Float32Array | Float64Array | Int32Array): EncodedArray {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  }
  const dtype = a instanceof Float32Array ? "float32" : a instanceof Float64Array ? "float64" : "int32";
  return { dtype, base64: btoa(s) };
}

/** JSON form of a typed array. */
export interface EncodedArray {
  readonly dtype: "float32" | "float64" | "int32";
  readonly base64: string;
}

/**
 * Decode {@link encodeArray}'s output.
 *
 * @throws {TypeError} on an unknown dtype or malformed input
 * @example
 * ```ts
 * const a = decodeArray({ dtype: "float32", base64: "AACAPw==" }); // Float32Array [1]
 * ```
 */
export function decodeArray(e: EncodedArray): Float32Array | Float64Array | Int32Array {
  if (e === null || typeof e !== "object" || typeof e.base64 !== "string") {
    throw new TypeError(`decodeArray: expected {dtype, base64}, got ${JSON.stringify(e)}`);
  }
  const bin = atob(e.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  switch (e.dtype) {
    case "float32":
      return new Float32Array(bytes.buffer);
    case "float64":
      return new Float64Array(bytes.buffer);
    case "int32":
      return new Int32Array(bytes.buffer);
    default:
      throw new TypeError(`decodeArray: unknown dtype ${e.dtype}`);
  }
}
