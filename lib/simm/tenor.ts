/**
 * SIMM tenor labels ("2w", "3m", "10y", ...) and their length in days, as used by the curvature
 * scaling function. Months are 365/12 days and years 365 days.
 *
 * @example
 * ```ts
 * import { tenorDays, IR_TENORS } from "./tenor.ts";
 * console.assert(tenorDays("2w") === 14 && IR_TENORS.length === 12);
 * ```
 * @module
 */

/**
 * The twelve SIMM interest-rate vertices, in order.
 *
 * @example
 * ```ts
 * import { IR_TENORS } from "./tenor.ts";
 * console.assert(IR_TENORS[0] === "2w" && IR_TENORS[11] === "30y");
 * ```
 */
export const IR_TENORS: readonly string[] = Object.freeze([
  "2w",
  "1m",
  "3m",
  "6m",
  "1y",
  "2y",
  "3y",
  "5y",
  "10y",
  "15y",
  "20y",
  "30y",
]);

/**
 * The five SIMM credit vertices.
 *
 * @example
 * ```ts
 * import { CREDIT_TENORS } from "./tenor.ts";
 * console.assert(CREDIT_TENORS.includes("5y"));
 * ```
 */
export const CREDIT_TENORS: readonly string[] = Object.freeze(["1y", "2y", "3y", "5y", "10y"]);

const TENOR_RE = /^(\d+(?:\.\d+)?)([dwmy])$/i;

/**
 * Length of a tenor label in days, or NaN when the label is not of the form `<number><d|w|m|y>`.
 *
 * @example
 * ```ts
 * import { tenorDays } from "./tenor.ts";
 * console.assert(tenorDays("1y") === 365 && Number.isNaN(tenorDays("soon")));
 * ```
 */
export function tenorDays(label: string): number {
  const m = TENOR_RE.exec(label.trim());
  if (m === null) return NaN;
  const x = Number(m[1]);
  switch (m[2].toLowerCase()) {
    case "d":
      return x;
    case "w":
      return 7 * x;
    case "m":
      return (365 / 12) * x;
    default:
      return 365 * x;
  }
}

/**
 * Index of an IR vertex label in {@link IR_TENORS} (case-insensitive), or -1.
 *
 * @example
 * ```ts
 * import { irTenorIndex } from "./tenor.ts";
 * console.assert(irTenorIndex("10Y") === 8);
 * ```
 */
export function irTenorIndex(label: string): number {
  return IR_TENORS.indexOf(label.trim().toLowerCase());
}
