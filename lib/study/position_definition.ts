/**
 * The positions of the multi-asset panel (issue 14 §1) as typed, validated data: what each position holds, on which
 * side, how much, over which dates — and the default panel of 14 positions.
 *
 * Instruments (the P&L per unit is in the instrument's unit, never a log return):
 *
 * | instrument | what | unit of P&L per unit held |
 * |---|---|---|
 * | `cl1`..`cl4` | NYMEX WTI futures, k-th nearby, rolled at CL last trading days (`nearbyDailyPnl`) | USD per bbl |
 * | `wti_spot`, `brent_spot` | EIA spot assessments (Cushing WTI, Brent FOB) | USD per bbl |
 * | `hh_spot` | EIA Henry Hub natural-gas spot | USD per MMBtu |
 * | `ust2y`, `ust10y`, `ust30y` | a Treasury bond issued at par that day (`treasury_par_bond.ts`) | USD per 100 face |
 *
 * **Spot exposures are not tradable instruments.** Nobody clears "WTI spot": a spot price is an assessment of
 * physical cargoes. A spot exposure here is a position whose P&L over the MPOR is the spot price change per unit —
 * the price risk of physical inventory, or of a swap settled on the daily spot assessment, with no roll and no
 * basis to a futures contract. It proxies the margin a CCP would need on such an exposure if it cleared one, and
 * it lets the panel run past the end of the futures data (2022-02-15) to 2026-08.
 *
 * A position's P&L is `side × quantity × Σ legs weight × instrument P&L` (legs in order). Groups constrain legs:
 * `oil-futures` one futures leg; `oil-spread` two futures legs on different contracts with weights of opposite
 * signs (long the first, short the second for weights +1, −1); `spot` one spot leg; `rates` one Treasury leg.
 *
 * @example
 * ```ts
 * import { DEFAULT_POSITIONS, validatePositions } from "./position_definition.ts";
 * const panel = validatePositions(DEFAULT_POSITIONS);
 * console.assert(panel.length === 14 && panel.some((p) => p.group === "rates" && p.side === "short"));
 * ```
 * @module
 */

/** The four position groups. */
export const POSITION_GROUPS = ["oil-futures", "oil-spread", "spot", "rates"] as const;
/** A position group: which legs it may hold and which forward-looking features it gets. */
export type PositionGroup = typeof POSITION_GROUPS[number];

/** Long (gains when the instrument's P&L is positive) or short. */
export type PositionSide = "long" | "short";

/** What kind of instrument a leg is: a rolled futures contract, a spot assessment, or a par Treasury bond. */
export type InstrumentKind = "future" | "spot" | "par-bond";

/** Catalogue entry of one instrument. */
export interface InstrumentSpec {
  kind: InstrumentKind;
  /** Unit of the P&L per unit held. */
  unit: string;
  description: string;
  /** Futures: place in the strip (1 = front). */
  nearby?: number;
  /** Spot: panel column of the price. Par bond: panel column of its own maturity's par yield (percent). */
  column?: string;
  /** Spot: whether a price ≤ 0 is possible (WTI settled at −36.98 on 2020-04-20); otherwise it is bad data. */
  negativeAllowed?: boolean;
  /** Par bond: maturity in years. */
  maturity?: number;
  /** Par bond: the next shorter tenor on the curve (years) and its column, to price the aged bond. */
  shorterTenor?: number;
  shorterColumn?: string;
}

/** Every instrument a leg may hold. */
export const POSITION_INSTRUMENTS = {
  cl1: { kind: "future", nearby: 1, unit: "USD/bbl", description: "NYMEX WTI futures, 1st nearby (rolled)" },
  cl2: { kind: "future", nearby: 2, unit: "USD/bbl", description: "NYMEX WTI futures, 2nd nearby (rolled)" },
  cl3: { kind: "future", nearby: 3, unit: "USD/bbl", description: "NYMEX WTI futures, 3rd nearby (rolled)" },
  cl4: { kind: "future", nearby: 4, unit: "USD/bbl", description: "NYMEX WTI futures, 4th nearby (rolled)" },
  wti_spot: {
    kind: "spot",
    column: "wti_spot",
    negativeAllowed: true,
    unit: "USD/bbl",
    description: "WTI Cushing spot exposure (not tradable: physical or spot-settled swap proxy)",
  },
  brent_spot: {
    kind: "spot",
    column: "brent_spot",
    negativeAllowed: false,
    unit: "USD/bbl",
    description: "Brent spot exposure (not tradable: physical or spot-settled swap proxy)",
  },
  hh_spot: {
    kind: "spot",
    column: "hh_spot",
    negativeAllowed: false,
    unit: "USD/MMBtu",
    description: "Henry Hub natural-gas spot exposure (not tradable: physical or spot-settled swap proxy)",
  },
  ust2y: {
    kind: "par-bond",
    maturity: 2,
    column: "ust2y",
    shorterTenor: 1,
    shorterColumn: "ust1y",
    unit: "USD per 100 face",
    description: "2-year Treasury issued at par that day (coupon = 2-year CMT yield)",
  },
  ust10y: {
    kind: "par-bond",
    maturity: 10,
    column: "ust10y",
    shorterTenor: 5,
    shorterColumn: "ust5y",
    unit: "USD per 100 face",
    description: "10-year Treasury issued at par that day (coupon = 10-year CMT yield)",
  },
  ust30y: {
    kind: "par-bond",
    maturity: 30,
    column: "ust30y",
    shorterTenor: 20,
    shorterColumn: "ust20y",
    unit: "USD per 100 face",
    description: "30-year Treasury issued at par that day (coupon = 30-year CMT yield)",
  },
} as const satisfies Record<string, InstrumentSpec>;

/** The id of an instrument of {@link POSITION_INSTRUMENTS}. */
export type InstrumentId = keyof typeof POSITION_INSTRUMENTS;

/** One leg: an instrument and its weight (units of the instrument per unit of the position, ≠ 0). */
export interface PositionLeg {
  instrument: InstrumentId;
  weight: number;
}

/** One position of the panel. */
export interface PositionDefinition {
  /** Unique id, lower-case letters, digits and `_`. */
  id: string;
  group: PositionGroup;
  side: PositionSide;
  legs: readonly PositionLeg[];
  /** Units held (> 0): barrels (1000 = one CL contract), MMBtu, or 100-face lots; the panel uses 1 (per unit). */
  quantity: number;
  /** First sample date (ISO, inclusive); omitted: as early as the data and warm-ups allow. */
  from?: string;
  /** Last sample date (ISO, inclusive); omitted: as late as the data and the MPOR label allow. */
  to?: string;
  description: string;
}

const GROUP_KIND: Record<PositionGroup, InstrumentKind> = {
  "oil-futures": "future",
  "oil-spread": "future",
  "spot": "spot",
  "rates": "par-bond",
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Check a list of position definitions and return typed copies.
 *
 * @throws {TypeError} when an entry is not an object or a field has the wrong type
 * @throws {RangeError} naming `positions[i].field` and the value: duplicate or malformed id, unknown group, side
 *   or instrument, an instrument outside the group, wrong number of legs, a zero or non-finite weight, spread legs
 *   on one contract or with weights of the same sign, a quantity ≤ 0, a malformed date or `from` after `to`
 * @example
 * ```ts
 * const bad = { id: "x", group: "spot", side: "long", quantity: 1, description: "", legs: [{ instrument: "cl1", weight: 1 }] };
 * try {
 *   validatePositions([bad]);
 * } catch (e) {
 *   console.assert(/legs\[0\]\.instrument "cl1" is a future; a spot position holds spots/.test((e as Error).message));
 * }
 * ```
 */
export function validatePositions(defs: readonly unknown[], where = "positions"): PositionDefinition[] {
  if (!Array.isArray(defs) || defs.length === 0) throw new RangeError(`${where} must be a non-empty array`);
  const seen = new Set<string>();
  return defs.map((raw, i) => {
    const at = `${where}[${i}]`;
    if (raw === null || typeof raw !== "object") throw new TypeError(`${at} must be an object, got ${raw}`);
    const d = raw as Record<string, unknown>;
    const known = ["id", "group", "side", "legs", "quantity", "from", "to", "description"];
    for (const k of Object.keys(d)) {
      if (!known.includes(k)) throw new RangeError(`${at}: unknown field "${k}" (known: ${known.join(", ")})`);
    }
    if (typeof d.id !== "string" || !/^[a-z0-9_]+$/.test(d.id)) {
      throw new RangeError(`${at}.id must match /^[a-z0-9_]+$/, got ${JSON.stringify(d.id)}`);
    }
    if (seen.has(d.id)) throw new RangeError(`${at}.id "${d.id}" is used twice`);
    seen.add(d.id);
    const name = `${at} (${d.id})`;
    if (!POSITION_GROUPS.includes(d.group as PositionGroup)) {
      throw new RangeError(
        `${name}.group must be one of ${POSITION_GROUPS.join(", ")}, got ${JSON.stringify(d.group)}`,
      );
    }
    const group = d.group as PositionGroup;
    if (d.side !== "long" && d.side !== "short") {
      throw new RangeError(`${name}.side must be "long" or "short", got ${JSON.stringify(d.side)}`);
    }
    if (typeof d.quantity !== "number" || !Number.isFinite(d.quantity) || d.quantity <= 0) {
      throw new RangeError(`${name}.quantity must be a finite number > 0, got ${d.quantity}`);
    }
    if (typeof d.description !== "string") throw new TypeError(`${name}.description must be a string`);
    for (const k of ["from", "to"] as const) {
      if (d[k] !== undefined && (typeof d[k] !== "string" || !ISO.test(d[k] as string))) {
        throw new RangeError(`${name}.${k} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(d[k])}`);
      }
    }
    if (d.from !== undefined && d.to !== undefined && (d.from as string) > (d.to as string)) {
      throw new RangeError(`${name}: from ${d.from} is after to ${d.to}`);
    }
    if (!Array.isArray(d.legs)) throw new TypeError(`${name}.legs must be an array`);
    const nLegs = group === "oil-spread" ? 2 : 1;
    if (d.legs.length !== nLegs) {
      throw new RangeError(`${name}: a ${group} position has ${nLegs} leg(s), got ${d.legs.length}`);
    }
    const legs: PositionLeg[] = d.legs.map((l: unknown, j: number) => {
      const la = `${name}.legs[${j}]`;
      if (l === null || typeof l !== "object") throw new TypeError(`${la} must be an object, got ${l}`);
      const { instrument, weight } = l as Record<string, unknown>;
      if (typeof instrument !== "string" || !(instrument in POSITION_INSTRUMENTS)) {
        throw new RangeError(
          `${la}.instrument must be one of ${Object.keys(POSITION_INSTRUMENTS).join(", ")}, got ${
            JSON.stringify(instrument)
          }`,
        );
      }
      const kind = POSITION_INSTRUMENTS[instrument as InstrumentId].kind;
      if (kind !== GROUP_KIND[group]) {
        throw new RangeError(
          `${la}.instrument "${instrument}" is a ${kind}; a ${group} position holds ${GROUP_KIND[group]}s`,
        );
      }
      if (typeof weight !== "number" || !Number.isFinite(weight) || weight === 0) {
        throw new RangeError(`${la}.weight must be a finite number ≠ 0, got ${weight}`);
      }
      return { instrument: instrument as InstrumentId, weight };
    });
    if (group === "oil-spread") {
      if (legs[0].instrument === legs[1].instrument) {
        throw new RangeError(
          `${name}: a calendar spread needs two different contracts, got ${legs[0].instrument} twice`,
        );
      }
      if (Math.sign(legs[0].weight) === Math.sign(legs[1].weight)) {
        throw new RangeError(
          `${name}: calendar-spread weights must have opposite signs, got ${legs[0].weight} and ${legs[1].weight}`,
        );
      }
    }
    const out: PositionDefinition = {
      id: d.id,
      group,
      side: d.side,
      legs,
      quantity: d.quantity,
      description: d.description,
    };
    if (d.from !== undefined) out.from = d.from as string;
    if (d.to !== undefined) out.to = d.to as string;
    return out;
  });
}

const leg = (instrument: InstrumentId, weight = 1): PositionLeg => ({ instrument, weight });

/**
 * The default multi-asset panel: 14 positions, long and short, one unit each — WTI futures 1–4 outright and three
 * calendar spreads (to 2022-02-15, the end of the EIA futures data), WTI, Brent and Henry Hub spot exposures (to
 * 2026-08) and 2-, 10- and 30-year Treasuries issued at par (to 2026-02-20, the end of the FRED yields).
 *
 * @example
 * ```ts
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * DEFAULT_POSITIONS.map((p) => p.id); // ["cl1_long", "cl1_short", "cl2_long", …, "ust30y_long"]
 * ```
 */
export const DEFAULT_POSITIONS: readonly PositionDefinition[] = [
  { id: "cl1_long", group: "oil-futures", side: "long", legs: [leg("cl1")], description: "long WTI front month" },
  { id: "cl1_short", group: "oil-futures", side: "short", legs: [leg("cl1")], description: "short WTI front month" },
  { id: "cl2_long", group: "oil-futures", side: "long", legs: [leg("cl2")], description: "long WTI 2nd month" },
  { id: "cl3_short", group: "oil-futures", side: "short", legs: [leg("cl3")], description: "short WTI 3rd month" },
  { id: "cl4_long", group: "oil-futures", side: "long", legs: [leg("cl4")], description: "long WTI 4th month" },
  {
    id: "cl1_cl2_long",
    group: "oil-spread",
    side: "long",
    legs: [leg("cl1"), leg("cl2", -1)],
    description: "long the c1−c2 calendar spread (long 1st month, short 2nd)",
  },
  {
    id: "cl2_cl3_short",
    group: "oil-spread",
    side: "short",
    legs: [leg("cl2"), leg("cl3", -1)],
    description: "short the c2−c3 calendar spread (short 2nd month, long 3rd)",
  },
  {
    id: "cl1_cl4_long",
    group: "oil-spread",
    side: "long",
    legs: [leg("cl1"), leg("cl4", -1)],
    description: "long the c1−c4 calendar spread (long 1st month, short 4th)",
  },
  { id: "wti_spot_long", group: "spot", side: "long", legs: [leg("wti_spot")], description: "long WTI spot exposure" },
  {
    id: "brent_spot_short",
    group: "spot",
    side: "short",
    legs: [leg("brent_spot")],
    description: "short Brent spot exposure",
  },
  {
    id: "hh_spot_long",
    group: "spot",
    side: "long",
    legs: [leg("hh_spot")],
    description: "long Henry Hub spot exposure",
  },
  { id: "ust2y_long", group: "rates", side: "long", legs: [leg("ust2y")], description: "long 2-year Treasury" },
  { id: "ust10y_short", group: "rates", side: "short", legs: [leg("ust10y")], description: "short 10-year Treasury" },
  { id: "ust30y_long", group: "rates", side: "long", legs: [leg("ust30y")], description: "long 30-year Treasury" },
].map((p) => ({ ...p, quantity: 1 }) as PositionDefinition);
