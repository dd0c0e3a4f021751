/**
 * The one-at-a-time sensitivity grid of the real-track MLP study: a base
 * configuration and settings that each change one thing from it (forward
 * features off, hidden width, learning rate, τ, MPOR h, multiplier bounds, HS
 * lookback) — {@link sensitivitySettings} — and the choice of the
 * hyperparameter groups on validation loss, one group at a time
 * ({@link selectOnValidation}); design choices (τ, h, lookback) are never tuned.
 *
 * @example
 * ```ts
 * import { sensitivitySettings } from "./sensitivity_settings.ts";
 * const all = sensitivitySettings({ tau: 0.99, mpor: 2, lookback: 250, mMin: 0.8, mMax: 1.5, mlpHidden: [8],
 *   netLr: 0.003, hiddenGrid: [4], lrGrid: [0.01], tauGrid: [], mporGrid: [5], mMinGrid: [0.5], mMaxGrid: [2],
 *   lookbackGrid: [] });
 * console.assert(all.map((s) => s.id).join() === "base,hist,hid4,lr0p01,mpor5,b0p5_2");
 * ```
 * @module
 */

/** One configuration of the study and the network. */
export interface Setting {
  id: string;
  group: "base" | "features" | "hidden" | "lr" | "tau" | "mpor" | "bounds" | "lookback" | "selected";
  label: string;
  tau: number;
  mpor: number;
  lookback: number;
  mMin: number;
  mMax: number;
  hidden: number[];
  lr: number;
  /** Whether the forward-looking features are used. */
  forward: boolean;
}

/** The base configuration and the grids of {@link sensitivitySettings}. */
export interface SensitivityGrid {
  tau: number;
  mpor: number;
  lookback: number;
  mMin: number;
  mMax: number;
  mlpHidden: readonly number[];
  netLr: number;
  hiddenGrid: readonly number[];
  lrGrid: readonly number[];
  tauGrid: readonly number[];
  mporGrid: readonly number[];
  /** Lower bounds, paired with `mMaxGrid` by position. */
  mMinGrid: readonly number[];
  mMaxGrid: readonly number[];
  lookbackGrid: readonly number[];
}

/**
 * Hyperparameter groups chosen on validation (design choices τ, h, lookback are not).
 *
 * @example
 * ```ts
 * import { TUNED_GROUPS } from "./sensitivity_settings.ts";
 * console.assert(!(TUNED_GROUPS as readonly string[]).includes("tau"));
 * ```
 */
export const TUNED_GROUPS = ["features", "hidden", "lr", "bounds"] as const;

const key = (x: number) => String(x).replace(".", "p").replace("-", "m");

/**
 * The settings: `base`, `hist` (no forward features), then one per grid value in the order hidden, lr, τ, h,
 * bounds, lookback (ids `hid<w>`, `lr<x>`, `tau<x>`, `mpor<h>`, `b<lo>_<hi>`, `lb<n>`; "." written "p").
 *
 * @throws {RangeError} when `mMinGrid` and `mMaxGrid` differ in length
 * @example
 * ```ts
 * import { sensitivitySettings } from "./sensitivity_settings.ts";
 * const [base, hist] = sensitivitySettings({ tau: 0.99, mpor: 2, lookback: 250, mMin: 0.8, mMax: 1.5,
 *   mlpHidden: [8], netLr: 0.003, hiddenGrid: [], lrGrid: [], tauGrid: [], mporGrid: [], mMinGrid: [],
 *   mMaxGrid: [], lookbackGrid: [] });
 * console.assert(base.forward && !hist.forward && hist.tau === base.tau);
 * ```
 */
export function sensitivitySettings(p: SensitivityGrid): Setting[] {
  if (p.mMinGrid.length !== p.mMaxGrid.length) {
    throw new RangeError(`params: mMinGrid and mMaxGrid must pair up (${p.mMinGrid.length} vs ${p.mMaxGrid.length})`);
  }
  const base: Setting = {
    id: "base",
    group: "base",
    label: "base",
    tau: p.tau,
    mpor: p.mpor,
    lookback: p.lookback,
    mMin: p.mMin,
    mMax: p.mMax,
    hidden: [...p.mlpHidden],
    lr: p.netLr,
    forward: true,
  };
  const out: Setting[] = [base];
  out.push({ ...base, id: "hist", group: "features", label: "no forward features", forward: false });
  for (const w of p.hiddenGrid) {
    out.push({ ...base, id: `hid${w}`, group: "hidden", label: `hidden [${w}]`, hidden: [w] });
  }
  for (const lr of p.lrGrid) out.push({ ...base, id: `lr${key(lr)}`, group: "lr", label: `lr ${lr}`, lr });
  for (const tau of p.tauGrid) out.push({ ...base, id: `tau${key(tau)}`, group: "tau", label: `τ ${tau}`, tau });
  for (const mpor of p.mporGrid) out.push({ ...base, id: `mpor${mpor}`, group: "mpor", label: `h ${mpor}`, mpor });
  p.mMinGrid.forEach((lo, i) => {
    const hi = p.mMaxGrid[i];
    out.push({ ...base, id: `b${key(lo)}_${key(hi)}`, group: "bounds", label: `[${lo}, ${hi}]`, mMin: lo, mMax: hi });
  });
  for (const lb of p.lookbackGrid) {
    out.push({ ...base, id: `lb${lb}`, group: "lookback", label: `lookback ${lb}`, lookback: lb });
  }
  return out;
}

/** Result of {@link selectOnValidation}. */
export interface Selection {
  /** Per tuned group, the id of the chosen setting (the base when nothing beats it). */
  chosen: Record<string, string>;
  /** The combined choice (`id` "selected"). */
  selected: Setting;
  /** Whether the combined choice equals the base configuration. */
  sameAsBase: boolean;
}

/**
 * Choose each tuned group on `score` (lower is better; first wins ties), the candidates of a group being its
 * settings and the base; combine the choices into one setting. `all[0]` must be the base.
 *
 * @example
 * ```ts
 * import { selectOnValidation, sensitivitySettings } from "./sensitivity_settings.ts";
 * const all = sensitivitySettings({ tau: 0.99, mpor: 2, lookback: 250, mMin: 0.8, mMax: 1.5, mlpHidden: [8],
 *   netLr: 0.003, hiddenGrid: [4], lrGrid: [], tauGrid: [], mporGrid: [], mMinGrid: [], mMaxGrid: [],
 *   lookbackGrid: [] });
 * const sel = selectOnValidation(all, (id) => id === "hid4" ? 0.1 : 0.2);
 * console.assert(sel.chosen.hidden === "hid4" && sel.selected.hidden[0] === 4 && !sel.sameAsBase);
 * ```
 */
export function selectOnValidation(all: readonly Setting[], score: (id: string) => number): Selection {
  const chosen: Record<string, string> = {};
  let sel: Setting = { ...all[0] };
  for (const g of TUNED_GROUPS) {
    const cands = all.filter((st) => st.group === g || st.id === "base");
    let best = cands[0];
    for (const c of cands) if (score(c.id) < score(best.id)) best = c;
    chosen[g] = best.id;
    if (g === "features") sel.forward = best.forward;
    if (g === "hidden") sel.hidden = best.hidden;
    if (g === "lr") sel.lr = best.lr;
    if (g === "bounds") sel = { ...sel, mMin: best.mMin, mMax: best.mMax };
  }
  sel = { ...sel, id: "selected", group: "selected", label: "chosen on validation" };
  const b = all[0];
  const sameAsBase = sel.forward === b.forward && sel.hidden.join() === b.hidden.join() &&
    sel.lr === b.lr && sel.mMin === b.mMin && sel.mMax === b.mMax;
  return { chosen, selected: sel, sameAsBase };
}
