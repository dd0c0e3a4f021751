// The slice of the surface engine (lib/vol) that the surface features use, in one place.
export { bkmMoments } from "../vol/bkm.ts";
export { smileDeltaQuotes } from "../vol/features.ts";
export { fitSabr } from "../vol/fit_sabr.ts";
export { fitSvi } from "../vol/fit_svi.ts";
export { impliedVolBlack76Result } from "../vol/implied_vol.ts";
export { sviTotalVariance } from "../vol/svi.ts";
