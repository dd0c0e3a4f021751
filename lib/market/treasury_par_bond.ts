/**
 * A US Treasury position priced from the par curve: a fixed-coupon bond with semi-annual coupons, issued at par on
 * day t (coupon = the par yield of its maturity that day), valued by full repricing when the curve moves, and its
 * risk (duration, convexity, DV01).
 *
 * Conventions (street convention, as the Treasury's par curve and FRED's constant-maturity yields):
 *
 * - yields and coupons are **decimals** per annum (0.045 = 4.5%), compounded semi-annually (bond-equivalent);
 * - prices are per **100 face**; `bondFullPrice` is the full (dirty) price, the discounted value of the remaining
 *   cash flows: coupons `100·c/2` at `τ, τ − ½, τ − 1, …` (> 0) years and 100 at `τ` (remaining maturity `τ`),
 *   each discounted by `(1 + y/2)^(−2t)` (fractional periods in the exponent);
 * - a bond issued at par has `τ` a multiple of ½ and prices at exactly 100 at its own yield (up to rounding);
 * - the CMT yields are par yields of on-the-run maturities; a bond aged by a few days is repriced at the par yield
 *   of its remaining maturity interpolated on the curve ({@link parYieldAt}). Pricing an off-par bond at the par
 *   yield of its maturity neglects the coupon effect on yield, a second-order term over an MPOR of days.
 *
 * The holding-period P&L {@link parBondHoldingPnl} is what a clearing house would lose on a long position in a bond
 * issued at par at the start of the margin period of risk and closed out at its end: full price at the end, plus
 * the coupons paid in between (none for an MPOR under six months), minus 100.
 *
 * @example
 * ```ts
 * import { bondFullPrice, bondRisk, parBondHoldingPnl } from "./treasury_par_bond.ts";
 * console.assert(Math.abs(bondFullPrice(0.045, 0.045, 10) - 100) < 1e-10); // a par bond prices at par
 * console.assert(Math.abs(bondRisk(0.06, 0.06, 10).modifiedDuration - 7.4387) < 1e-4); // 10-year 6% par bond
 * // yields up 10 bp over two days: the long position loses about DV01 × 10 less two days of carry
 * const pnl = parBondHoldingPnl(0.04, 0.041, 10, 2 / 365.25); // ≈ −0.79 per 100 face
 * console.assert(pnl < -0.78 && pnl > -0.80);
 * ```
 * @module
 */
import { interp } from "./portfolio.ts";

/** Tolerance in years for "a coupon falls on this date". */
const EPS_YEARS = 1e-9;

function checkYield(fn: string, name: string, y: number): void {
  if (typeof y !== "number" || !Number.isFinite(y) || y <= -2) {
    throw new RangeError(`${fn}: ${name} must be a finite decimal yield > −2 (e.g. 0.045 for 4.5%), got ${y}`);
  }
}

function checkCoupon(fn: string, c: number): void {
  if (typeof c !== "number" || !Number.isFinite(c) || c < 0) {
    throw new RangeError(`${fn}: coupon must be a finite decimal rate ≥ 0 (e.g. 0.045 for 4.5%), got ${c}`);
  }
}

function checkMaturity(fn: string, name: string, t: number): void {
  if (typeof t !== "number" || !Number.isFinite(t) || t <= 0 || t > 100) {
    throw new RangeError(`${fn}: ${name} must be a number of years in (0, 100], got ${t}`);
  }
}

/** Number of coupon dates strictly after now for a remaining maturity `tau` (years): `tau − i/2 > 0`. */
function couponCount(tau: number): number {
  return Math.floor(2 * tau + 1 - EPS_YEARS * 2);
}

/**
 * Full (dirty) price per 100 face of a bond with annual coupon rate `coupon` paid semi-annually, remaining maturity
 * `maturity` years, at yield `yld` (semi-annual compounding).
 *
 * @throws {RangeError} naming the argument and value when a yield ≤ −2, a coupon < 0 or a maturity outside (0, 100]
 * @example
 * ```ts
 * // 5-year 10% bond at an 8% yield: 5·a(10, 4%) + 100·1.04^−10 = 108.1109 (textbook value)
 * console.assert(Math.abs(bondFullPrice(0.10, 0.08, 5) - 108.1109) < 1e-4);
 * ```
 */
export function bondFullPrice(coupon: number, yld: number, maturity: number): number {
  const fn = "bondFullPrice";
  checkCoupon(fn, coupon);
  checkYield(fn, "yld", yld);
  checkMaturity(fn, "maturity", maturity);
  return fullPrice(coupon, yld, maturity);
}

function fullPrice(coupon: number, yld: number, tau: number): number {
  const base = 1 + yld / 2, cf = 50 * coupon, n = couponCount(tau);
  let pv = 0;
  for (let i = n - 1; i >= 0; i--) pv += cf * Math.pow(base, -2 * (tau - i / 2));
  return pv + 100 * Math.pow(base, -2 * tau);
}

/**
 * Accrued interest per 100 face since the last coupon date (linear in time), for a remaining maturity `maturity`.
 *
 * @throws {RangeError} on a coupon < 0 or a maturity outside (0, 100]
 * @example
 * ```ts
 * console.assert(Math.abs(bondAccrued(0.06, 9.75) - 1.5) < 1e-12); // a quarter-year into a 3% half-year coupon
 * console.assert(bondAccrued(0.06, 10) === 0); // on a coupon date
 * ```
 */
export function bondAccrued(coupon: number, maturity: number): number {
  const fn = "bondAccrued";
  checkCoupon(fn, coupon);
  checkMaturity(fn, "maturity", maturity);
  const n = couponCount(maturity);
  const sinceLast = n / 2 - maturity; // years since the previous coupon date, in [0, ½)
  return sinceLast <= EPS_YEARS ? 0 : 100 * coupon * sinceLast;
}

/** Price and risk of a bond at one yield (per 100 face; durations and convexity in years and years²). */
export interface BondRisk {
  /** Full (dirty) price per 100 face. */
  price: number;
  /** Macaulay duration: price-weighted mean time of the cash flows (years). */
  macaulayDuration: number;
  /** Modified duration −(dP/dy)/P = Macaulay / (1 + y/2). */
  modifiedDuration: number;
  /** Convexity (d²P/dy²)/P (years²), > 0 for a bond. */
  convexity: number;
  /** Price gain per 100 face for a 1 bp fall in the yield: −dP/dy × 0.0001. */
  dv01: number;
}

/**
 * Price, Macaulay and modified duration, convexity and DV01 of a bond, analytically (street convention).
 *
 * @throws {RangeError} as {@link bondFullPrice}
 * @example
 * ```ts
 * const r = bondRisk(0.04, 0.04, 2); // 2-year 4% par bond
 * console.assert(Math.abs(r.price - 100) < 1e-10 && r.dv01 > 0.018 && r.dv01 < 0.02);
 * ```
 */
export function bondRisk(coupon: number, yld: number, maturity: number): BondRisk {
  const fn = "bondRisk";
  checkCoupon(fn, coupon);
  checkYield(fn, "yld", yld);
  checkMaturity(fn, "maturity", maturity);
  const base = 1 + yld / 2, cf = 50 * coupon, n = couponCount(maturity);
  let p = 0, tw = 0, c2 = 0;
  const add = (amount: number, t: number) => {
    const df = Math.pow(base, -2 * t);
    p += amount * df;
    tw += t * amount * df;
    c2 += t * (t + 0.5) * amount * df;
  };
  for (let i = n - 1; i >= 0; i--) add(cf, maturity - i / 2);
  add(100, maturity);
  const mac = tw / p, mod = mac / base;
  return {
    price: p,
    macaulayDuration: mac,
    modifiedDuration: mod,
    convexity: c2 / (base * base) / p,
    dv01: (tw / base) * 1e-4,
  };
}

/** A par yield curve: tenors in years (strictly increasing) and par yields (decimals) at those tenors. */
export interface ParCurve {
  tenors: readonly number[];
  yields: readonly number[];
}

/**
 * Par yield at `maturity` by linear interpolation between the curve's tenors (flat beyond the first and last).
 * A NaN yield at a tenor the interpolation uses gives NaN (the curve is not known there).
 *
 * @throws {RangeError} on an empty curve, unequal lengths, non-increasing tenors or a maturity outside (0, 100]
 * @example
 * ```ts
 * parYieldAt({ tenors: [5, 10], yields: [0.03, 0.04] }, 9.5); // 0.039
 * ```
 */
export function parYieldAt(curve: ParCurve, maturity: number): number {
  const fn = "parYieldAt";
  const { tenors, yields } = curve ?? ({} as ParCurve);
  if (!tenors || !yields || tenors.length === 0 || tenors.length !== yields.length) {
    throw new RangeError(
      `${fn}: curve needs tenors and yields of equal, non-zero length, got ${tenors?.length} and ${yields?.length}`,
    );
  }
  for (let i = 0; i < tenors.length; i++) {
    checkMaturity(fn, `tenors[${i}]`, tenors[i]);
    if (i > 0 && !(tenors[i] > tenors[i - 1])) {
      throw new RangeError(`${fn}: tenors must increase, got ${tenors[i]} after ${tenors[i - 1]}`);
    }
  }
  checkMaturity(fn, "maturity", maturity);
  // the futures curve's interpolation (`portfolio.ts`); it only reads the arrays
  return interp(tenors as number[], yields as number[], maturity);
}

/**
 * Holding-period P&L per 100 face of a long position in a bond issued at par on the start date: coupon
 * `parYieldAtIssue`, maturity `maturity` (years, a multiple of ½), held `age` years and repriced at `yieldAtEnd`
 * (the yield of its remaining maturity `maturity − age` on the end date). P&L = full price at the end + coupons
 * paid in `(0, age]` − 100 (no reinvestment). A short position's P&L is the negative.
 *
 * @throws {RangeError} on a bad yield, a maturity that is not a positive multiple of ½, or an age outside
 *   [0, maturity)
 * @example
 * ```ts
 * console.assert(Math.abs(parBondHoldingPnl(0.04, 0.04, 10, 0)) < 1e-10); // nothing moved
 * console.assert(parBondHoldingPnl(0.04, 0.039, 30, 1 / 365.25) > 1.7); // a 10 bp rally on a 30-year
 * ```
 */
export function parBondHoldingPnl(parYieldAtIssue: number, yieldAtEnd: number, maturity: number, age: number): number {
  const fn = "parBondHoldingPnl";
  checkYield(fn, "parYieldAtIssue", parYieldAtIssue);
  if (parYieldAtIssue < 0) {
    throw new RangeError(`${fn}: parYieldAtIssue is the coupon of a par bond and must be ≥ 0, got ${parYieldAtIssue}`);
  }
  checkYield(fn, "yieldAtEnd", yieldAtEnd);
  checkMaturity(fn, "maturity", maturity);
  if (!Number.isInteger(2 * maturity)) {
    throw new RangeError(`${fn}: a bond issued at par has a maturity that is a multiple of ½ year, got ${maturity}`);
  }
  if (typeof age !== "number" || !Number.isFinite(age) || age < 0 || age >= maturity) {
    throw new RangeError(`${fn}: age must be a number of years in [0, maturity = ${maturity}), got ${age}`);
  }
  const c = parYieldAtIssue, tau = maturity - age;
  // coupons at j/2 years after issue, j = 1, 2, …, paid when j/2 ≤ age
  const paid = Math.floor(2 * age + EPS_YEARS * 2);
  return fullPrice(c, yieldAtEnd, tau) + paid * 50 * c - 100;
}
