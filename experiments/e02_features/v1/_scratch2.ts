import { cboeRowsToQuotes, cleanChains, fitSvi, fitSabr, loadCboeEodCsv } from "../../../lib/vol/mod.ts";
const rows = await loadCboeEodCsv("data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv");
const q = cboeRowsToQuotes(rows, "1545");
const { slices, failed } = cleanChains(q, {});
console.log(failed.map((f) => [f.expiry, f.reason]));
for (const s of slices) {
  const k = Float64Array.from(s.quotes, (q) => q.k), w = Float64Array.from(s.quotes, (q) => q.totalVariance);
  const wt = Float64Array.from(s.quotes, (q) => (q.vega / Math.max(q.ask - q.bid, 1e-12)) ** 2);
  const fit = fitSvi(k, w, undefined, { T: s.T });
  const fitW = fitSvi(k, w, wt, { T: s.T });
  const K = Float64Array.from(s.quotes, (q) => q.strike), v = Float64Array.from(s.quotes, (q) => q.iv);
  const sb = fitSabr(s.forward, s.T, K, v, 1);
  const reasons: Record<string, number> = {};
  for (const d of s.dropped) reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
  console.log(s.expiry, s.T.toFixed(4), s.forward.toFixed(3), s.discount.toFixed(5), s.parity.impliedRate.toFixed(4), s.quotes.length, JSON.stringify(reasons),
    (fit.rmseVol! * 100).toFixed(2), fit.arbitrage.ok, (fitW.rmseVol! * 100).toFixed(2), fitW.arbitrage.ok, (sb.rmse * 100).toFixed(2), sb.arbitrage.ok, sb.params.beta,
    Math.min(...k).toFixed(2), Math.max(...k).toFixed(2), Math.min(...v).toFixed(2), Math.max(...v).toFixed(2));
}
