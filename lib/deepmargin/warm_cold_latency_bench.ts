/**
 * Warm and cold single-portfolio latency (issue 15) of the surrogate, the exact per-date cache and the exact
 * engine over 1,000 portfolios (`measureWarmColdLatency`): one timed run, printed as a table and as JSON. The
 * market day is the crude panel's last usable date up to 2018-12-31 (e05's in-sample range) when the d01 panel is
 * on disk (`data/derived/d01_panel/crude_panel.csv`), otherwise a synthetic day; SPAN 2-like American options on
 * 50-step trees as in the e05 labels; portfolios from e05's generator settings; the full-profile e06 transformer
 * (d = 32, 1 block, 4 heads, seeded weights — latency does not depend on their values) behind the v1 tokenizer and
 * behind the anchor tokenizer (`"v1"` layout).
 *
 * Run: `deno bench --frozen --deny-net --allow-read=. --allow-env lib/deepmargin/warm_cold_latency_bench.ts`
 * (`DM_LATENCY_PORTFOLIOS` / `DM_LATENCY_EXACT` set the portfolio counts; default 1,000 each). Takes minutes: the
 * exact engine costs ≈ 50–100 ms per portfolio. Report `uptime` with the figures: the machine is shared.
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { readCrudePanel } from "../data/read_crude_panel.ts";
import type { Panel } from "../data/panel.ts";
import { buildMarketDay, isUsableDate } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { initWeights } from "./model.ts";
import { createAnchorTokenizer } from "./anchor_tokenizer.ts";
import { type LatencyStats, measureWarmColdLatency, type WarmColdLatency } from "./warm_cold_latency.ts";

const env = (k: string) => {
  try {
    return Deno.env.get(k);
  } catch {
    return undefined;
  }
};
const N = Number(env("DM_LATENCY_PORTFOLIOS") ?? 1000);
const N_EXACT = Math.min(N, Number(env("DM_LATENCY_EXACT") ?? N));

async function marketPanel(): Promise<{ panel: Panel; index: number; source: string }> {
  try {
    const panel = await readCrudePanel({ upstream: (_s, name) => Promise.resolve(`data/derived/d01_panel/${name}`) });
    let index = panel.dates.length - 1;
    while (index > 0 && (panel.dates[index] > "2018-12-31" || !isUsableDate(panel, index))) index--;
    return { panel, index, source: "crude panel (d01)" };
  } catch {
    const panel = syntheticPanel(1, 2700);
    return { panel, index: 2699, source: "synthetic panel" };
  }
}

const { panel, index, source } = await marketPanel();
const day = buildMarketDay(panel, index, { span2TreeSteps: 50 });
const rng = createPrng(20240607);
const portfolios = Array.from({ length: N }, () => generatePortfolio(rng, day));
const weights = initWeights({ kind: "transformer", dModel: 32, heads: 4, layers: 1, dff: 64, hidden: 64, seed: 1 });

const row = (name: string, s: LatencyStats) =>
  `${name.padEnd(44)} ${String(s.n).padStart(5)} ${s.p50.toFixed(4).padStart(11)} ${s.p99.toFixed(4).padStart(11)} ${
    s.mean.toFixed(4).padStart(11)
  }`;
const print = (label: string, r: WarmColdLatency) => {
  console.log(
    `\n${label}: ${r.date} (${source}), ${r.portfolios} portfolios, ${r.meanPositions.toFixed(2)} positions on average`,
  );
  console.log(
    `${"ms per portfolio".padEnd(44)} ${"n".padStart(5)} ${"p50".padStart(11)} ${"p99".padStart(11)} ${
      "mean".padStart(11)
    }`,
  );
  console.log(row("surrogate, warm", r.surrogate.warm));
  console.log(row("surrogate, cold (fresh tokenizer)", r.surrogate.cold));
  console.log(row("  tokenizer set-up (per day)", r.surrogate.setupMs));
  console.log(row("exact per-date cache, warm", r.exactCache.warm));
  console.log(row("exact per-date cache, cold (fresh cache)", r.exactCache.cold));
  console.log(row("  cache set-up (per day: FHS + stressed sets)", r.exactCache.setupMs));
  console.log(row("exact engine span2Margin, pass 1", r.exactEngine.cold));
  console.log(row("exact engine span2Margin, pass 2", r.exactEngine.warm));
  console.log(`p50 speed-ups of the warm surrogate: ${JSON.stringify(r.speedupP50)}`);
  console.log(JSON.stringify(r));
};

let measured = false;
Deno.bench({
  name: `warm/cold latency, ${N} portfolios (one timed run; the table is printed)`,
  group: "warm cold",
  n: 1,
  warmup: 0,
  fn() {
    if (measured) return; // deno bench may call fn again (calibration): measure once
    measured = true;
    const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
    print(
      "v1 tokenizer",
      measureWarmColdLatency({ day, weights, portfolios, exactPortfolios: N_EXACT, now: () => performance.now(), log }),
    );
    // the anchor tokenizer: surrogate only differs; the exact figures are re-measured on a small subset
    print(
      "anchor tokenizer (v1 layout)",
      measureWarmColdLatency({
        day,
        weights,
        portfolios,
        exactPortfolios: Math.min(N_EXACT, 20),
        tokenizer: (d) => createAnchorTokenizer(d, { layout: "v1" }),
        now: () => performance.now(),
        log,
      }),
    );
  },
});
