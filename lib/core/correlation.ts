/**
 * Pearson's correlation coefficient of two equally long series.
 * @module
 */

/**
 * Pearson correlation Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²); NaN when either series is constant.
 *
 * @throws {RangeError} on series of different lengths or fewer than 2 values
 * @example
 * ```ts
 * import { pearson } from "./correlation.ts";
 * console.assert(pearson([1, 2, 3], [2, 4, 6]) === 1 && pearson([1, 2, 3], [3, 2, 1]) === -1);
 * ```
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n || n < 2) {
    throw new RangeError(`pearson: need two series of one length ≥ 2, got ${n} and ${b.length}`);
  }
  let sa = 0, sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / n, mb = sb / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
