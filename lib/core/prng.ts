/**
 * Seeded pseudo-random number generation. Every stochastic function in dynim
 * takes a `Prng` argument; the global unseeded generator and the wall clock never reach results.
 *
 * The generator is xoshiro128** seeded through splitmix32, which gives
 * well-mixed, reproducible streams from small integer seeds.
 *
 * @example
 * ```ts
 * import { createPrng } from "./prng.ts";
 * const rng = createPrng(42);
 * const u = rng.next(); // in [0, 1)
 * const z = rng.normal(); // standard normal
 * ```
 * @module
 */

/** A seeded stream of pseudo-random numbers. */
export interface Prng {
  /** Uniform double in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal draw (Box–Muller, cached pair). */
  normal(): number;
  /** A new independent stream derived from this one (for workers, folds, seeds). */
  fork(): Prng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Create a seeded generator.
 *
 * @param seed a finite integer (negative values are taken modulo 2^32)
 * @throws {RangeError} when `seed` is not a finite integer
 * @example
 * ```ts
 * const a = createPrng(7), b = createPrng(7);
 * console.assert(a.next() === b.next());
 * ```
 */
export function createPrng(seed: number): Prng {
  if (!Number.isInteger(seed)) {
    throw new RangeError(`createPrng: seed must be a finite integer, got ${seed}`);
  }
  const sm = splitmix32(seed >>> 0);
  let a = sm(), b = sm(), c = sm(), d = sm();
  if ((a | b | c | d) === 0) a = 1;
  let spare: number | undefined;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => {
    // 53 random bits from two draws.
    const hi = nextUint32() >>> 5, lo = nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  const rng: Prng = {
    next,
    nextUint32,
    int(n: number): number {
      if (!Number.isInteger(n) || n <= 0) {
        throw new RangeError(`Prng.int: n must be a positive integer, got ${n}`);
      }
      return Math.floor(next() * n);
    },
    normal(): number {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork(): Prng {
      return createPrng(nextUint32() | 0);
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Fisher–Yates shuffle of `0..n-1` driven by `rng` (used instead of tfjs's
 * unseeded global shuffling).
 *
 * @example
 * ```ts
 * const order = permutation(5, createPrng(1)); // Int32Array [4, 0, 1, 3, 2], the same on every run
 * ```
 */
export function permutation(n: number, rng: Prng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
