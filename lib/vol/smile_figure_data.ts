/**
 * Figure data of one fitted smile: the quotes' bid, mid and ask implied vols and the fitted SVI and SABR curves on
 * an even strike grid over the quoted range, rounded for a JSON series file.
 * @module
 */
import { roundTo } from "../core/round_to.ts";
import type { CleanQuote } from "./chain.ts";
import { impliedVolBlack76Result } from "./implied_vol.ts";
import { sabrVol } from "./sabr.ts";
import type { SmileFit } from "./smile_fit.ts";
import { sviTotalVariance } from "./svi.ts";

/** One slice's figure data (vols rounded; null: no implied vol, e.g. a zero bid). */
export interface SmileFigureData {
  expiry: string;
  T: number | null;
  forward: number | null;
  quotes: { K: number; type: "C" | "P"; mid: number | null; bid: number | null; ask: number | null }[];
  curve: { K: number | null; svi: number | null; sabr: number | null }[];
}

/** The slice of {@link smileFigureData}: expiry, T, forward, discount factor and its clean quotes (sorted by strike). */
export interface FigureSlice {
  expiry: string;
  T: number;
  forward: number;
  discount: number;
  quotes: readonly CleanQuote[];
}

/**
 * Quotes (bid/mid/ask vols) and the fitted SVI/SABR curves (`gridN` strikes from the lowest to the highest quote)
 * of one slice, rounded to `digits` decimals.
 *
 * @example
 * ```ts
 * import { smileFigureData } from "./smile_figure_data.ts";
 * import { cleanChain } from "./chain.ts";
 * import { black76Price } from "../market/black76.ts";
 * const quotes = [80, 90, 100, 110, 120].flatMap((K) => [true, false].map((isCall) => {
 *   const px = black76Price(isCall, 100, K, 0.5, 0.3);
 *   return { expiry: "6M", T: 0.5, strike: K, isCall, bid: 0.99 * px, ask: 1.01 * px };
 * }));
 * const flat = { svi: { a: 0.045, b: 0, rho: 0, m: 0, sigma: 0.1 }, sabr: { alpha: 0.3, beta: 1, rho: 0, nu: 1e-9 } };
 * const fig = smileFigureData(cleanChain(quotes, { discount: 1 }), flat, { gridN: 9, digits: 4 });
 * console.assert(fig.curve.length === 9 && fig.curve[4].svi === 0.3 && fig.quotes[2].mid === 0.3);
 * ```
 */
export function smileFigureData(
  s: FigureSlice,
  fit: Pick<SmileFit, "svi" | "sabr">,
  opts: { gridN: number; digits: number },
): SmileFigureData {
  const { expiry, T, forward: F, discount: D, quotes: q } = s;
  const d = opts.digits;
  const iv = (price: number, x: CleanQuote) => {
    const r = impliedVolBlack76Result(price, F, x.strike, T, x.isCall, D);
    return r.status === "ok" ? roundTo(r.vol, d) : null;
  };
  const quotes = q.map((x) => ({
    K: x.strike,
    type: x.isCall ? "C" as const : "P" as const,
    mid: roundTo(x.iv, d),
    bid: x.bid > 0 ? iv(x.bid, x) : null,
    ask: iv(x.ask, x),
  }));
  const K0 = q[0].strike, K1 = q[q.length - 1].strike;
  const curve = [];
  for (let i = 0; i < opts.gridN; i++) {
    const K = K0 + (K1 - K0) * i / (opts.gridN - 1);
    const k = Math.log(K / F);
    curve.push({
      K: roundTo(K, d),
      svi: roundTo(Math.sqrt(Math.max(sviTotalVariance(fit.svi, k), 0) / T), d),
      sabr: roundTo(sabrVol(K, F, T, fit.sabr), d),
    });
  }
  return { expiry, T: roundTo(T, 6), forward: roundTo(F, d), quotes, curve };
}
