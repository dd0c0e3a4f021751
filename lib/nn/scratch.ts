/**
 * Reusable float32 work arrays for the host training passes: one array per name, reallocated only when the
 * requested length changes (the last, shorter batch of an epoch), so a training step allocates nothing and the
 * garbage collector stays idle. An array handed out is valid until the next request of the same name.
 * @module
 */

/**
 * Named work arrays.
 *
 * @example
 * ```ts
 * const s = new Scratch();
 * const a = s.get("h", 4);
 * a === s.get("h", 4); // true (same array, contents kept)
 * s.zeros("h", 4)[0]; // 0
 * ```
 */
export class Scratch {
  private readonly arrays = new Map<string, Float32Array>();

  /** The array called `name` of `length` floats (contents are whatever the last user left). */
  get(name: string, length: number): Float32Array {
    let a = this.arrays.get(name);
    if (a === undefined || a.length !== length) {
      a = new Float32Array(length);
      this.arrays.set(name, a);
    }
    return a;
  }

  /** {@link get}, filled with zeros. */
  zeros(name: string, length: number): Float32Array {
    return this.get(name, length).fill(0);
  }
}
