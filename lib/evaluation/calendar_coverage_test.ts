import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { marginRatioOnCalendar } from "./calendar_coverage.ts";
import { marginRatioAtTarget } from "./equal_coverage.ts";

const days = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `d${String(from + i).padStart(4, "0")}`);

function position(n: number, seed: number) {
  const rng = createPrng(seed);
  const vol = Float64Array.from({ length: n }, (_, t) => (t % 120 < 60 ? 1 : 2.5));
  return {
    loss: vol.map((s) => s * rng.normal()),
    margin: vol.map((s) => 2.2 * s),
    reference: new Float64Array(n).fill(4),
  };
}

Deno.test("marginRatioOnCalendar: on one shared calendar it is marginRatioAtTarget, draw for draw", () => {
  const a = position(500, 1), b = position(500, 2), dates = days(500);
  const opts = () => ({ blockLength: 20, resamples: 200, prng: createPrng(9) });
  const cal = marginRatioOnCalendar([{ dates, ...a }, { dates, ...b }], 0.02, opts());
  const ref = marginRatioAtTarget([a, b], 0.02, opts());
  assert.deepEqual(cal, ref);
});

Deno.test("marginRatioOnCalendar: positions on different spans pool; a rule equal to the reference gives 1", () => {
  const a = position(400, 3), b = position(250, 4);
  const r = marginRatioOnCalendar(
    [
      { dates: days(400), ...a },
      { dates: days(250, 300), ...b, margin: b.reference },
    ],
    0.02,
    { blockLength: 20, resamples: 100, prng: createPrng(1) },
  );
  assert.ok(r.lo <= r.estimate && r.estimate <= r.hi);
  assert.ok(r.estimate < 1, `vol-aware margins on the first position should save: ${r.estimate}`);
  const same = marginRatioOnCalendar(
    [
      { dates: days(400), ...a, margin: a.reference },
      { dates: days(250, 300), ...b, margin: b.reference },
    ],
    0.02,
    { blockLength: 20, resamples: 100, prng: createPrng(1) },
  );
  assert.deepEqual([same.estimate, same.lo, same.hi], [1, 1, 1]);
});

Deno.test("marginRatioOnCalendar: the estimate sums each position's margin at target over its own days", () => {
  const a = position(300, 5), b = position(200, 6);
  const r = marginRatioOnCalendar([{ dates: days(300), ...a }, { dates: days(200, 500), ...b }], 0.02, {
    blockLength: 20,
    resamples: 10,
    prng: createPrng(2),
  });
  const ra = marginRatioAtTarget([a], 0.02, { blockLength: 20, resamples: 2, prng: createPrng(1) });
  const rb = marginRatioAtTarget([b], 0.02, { blockLength: 20, resamples: 2, prng: createPrng(1) });
  assert.ok(Math.min(ra.estimate, rb.estimate) <= r.estimate && r.estimate <= Math.max(ra.estimate, rb.estimate));
});

Deno.test("marginRatioOnCalendar: errors name the position and the problem", () => {
  const a = position(50, 1);
  const opts = { blockLength: 5, resamples: 10, prng: createPrng(1) };
  assert.throws(() => marginRatioOnCalendar([], 0.02, opts), /non-empty/);
  assert.throws(() => marginRatioOnCalendar([{ dates: days(49), ...a }], 0.02, opts), /positions\[0\]\.loss has 50/);
  const back = days(50).reverse();
  assert.throws(
    () => marginRatioOnCalendar([{ dates: back, ...a }], 0.02, opts),
    /positions\[0\]\.dates must increase/,
  );
  assert.throws(() => marginRatioOnCalendar([{ dates: days(50), ...a }], 1.5, opts), RangeError);
});
