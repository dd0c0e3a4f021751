import assert from "node:assert/strict";

const assertEquals = (a: unknown, b: unknown) => assert.deepStrictEqual(a, b);
function assertThrows(f: () => unknown, cls: typeof RangeError, msg: string): void {
  assert.throws(f, (e: unknown) => e instanceof cls && e.message.includes(msg));
}
import fc from "fast-check";
import { chronologicalSplit, type SplitOptions, splitPeriod, studySplit } from "./split.ts";

function businessDates(n: number, from = Date.UTC(2010, 0, 4)): string[] {
  const out: string[] = [];
  for (let t = from; out.length < n; t += 86400000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const DATES = businessDates(1500); // 2010-01-04 … 2015-09

Deno.test("chronologicalSplit: test dates never reach train/valid; purge h and embargo respected", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 400, max: 1400 }),
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      (ta, len, back, h, emb, share) => {
        const o: SplitOptions = {
          trainEnd: DATES[ta - back],
          validShare: share,
          horizon: h,
          embargo: emb,
          testFrom: DATES[ta],
          testTo: DATES[Math.min(DATES.length - 1, ta + len)],
          minTrain: 1,
          minValid: 1,
        };
        let s;
        try {
          s = chronologicalSplit(DATES, o);
        } catch (e) {
          assert(e instanceof RangeError);
          return;
        }
        assertEquals(s.test.start, ta);
        assert(s.train.start === 0 && s.train.end <= s.valid.start - h);
        // Every pool row's label (rows i+1..i+h) is realised, plus the embargo, before the first test row.
        assert(s.valid.end - 1 + h + emb < s.test.start);
        assert(DATES[s.valid.end - 1] <= o.trainEnd);
        for (const r of [s.train, s.valid]) {
          for (let i = r.start; i < r.end; i++) assert(DATES[i] < o.testFrom && DATES[i] <= o.trainEnd);
        }
        for (let i = s.test.start; i < s.test.end; i++) assert(DATES[i] >= o.testFrom && DATES[i] <= o.testTo);
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

Deno.test("chronologicalSplit: exact indices on a small case", () => {
  const d = ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09"];
  const s = chronologicalSplit(d, {
    trainEnd: "2020-01-08",
    validShare: 0.25,
    horizon: 1,
    embargo: 0,
    testFrom: "2020-01-09",
    testTo: "2020-01-09",
    minTrain: 1,
    minValid: 1,
  });
  assertEquals(s, { train: { start: 0, end: 3 }, valid: { start: 4, end: 5 }, test: { start: 6, end: 7 } });
});

Deno.test("chronologicalSplit: validFrom picks the validation rows by date", () => {
  const s = chronologicalSplit(DATES, {
    trainEnd: "2013-12-31",
    validShare: 0.5,
    validFrom: "2013-01-01",
    horizon: 2,
    embargo: 2,
    testFrom: "2014-06-02",
    testTo: "2014-12-31",
  });
  assert(DATES[s.valid.start] >= "2013-01-01" && DATES[s.valid.start - 1] < "2013-01-01");
  assert(DATES[s.valid.end - 1] <= "2013-12-31" && DATES[s.valid.end] > "2013-12-31");
  assertEquals(s.train.end, s.valid.start - 2);
  assertThrows(
    () => chronologicalSplit(DATES, { ...s0(), validFrom: "2014-03-01" }),
    RangeError,
    "after trainEnd",
  );
});

function s0() {
  return {
    trainEnd: "2013-12-31",
    validShare: 0.2,
    horizon: 2,
    embargo: 2,
    testFrom: "2014-06-02",
    testTo: "2014-12-31",
  };
}

Deno.test("chronologicalSplit: bad inputs are clear RangeErrors", () => {
  const base: SplitOptions = {
    trainEnd: "2013-12-31",
    validShare: 0.2,
    horizon: 2,
    embargo: 2,
    testFrom: "2014-01-01",
    testTo: "2014-12-31",
  };
  assertThrows(() => chronologicalSplit(DATES, { ...base, testFrom: "2015-01-01" }), RangeError, "after testTo");
  assertThrows(() => chronologicalSplit(DATES, { ...base, validShare: 0 }), RangeError, "validShare");
  assertThrows(() => chronologicalSplit(DATES, { ...base, validShare: 1 }), RangeError, "validShare");
  assertThrows(() => chronologicalSplit(DATES, { ...base, horizon: 0 }), RangeError, "horizon");
  assertThrows(() => chronologicalSplit(DATES, { ...base, embargo: -1 }), RangeError, "embargo");
  assertThrows(() => chronologicalSplit(DATES, { ...base, trainEnd: "2013/12/31" }), RangeError, "trainEnd");
  assertThrows(
    () => chronologicalSplit(DATES, { ...base, testFrom: "2030-01-01", testTo: "2030-12-31" }),
    RangeError,
    "too few test",
  );
  assertThrows(() => chronologicalSplit(DATES, { ...base, trainEnd: "2010-01-20" }), RangeError, "too few");
  assertThrows(() => chronologicalSplit(["2020-01-02", "2020-01-01"], base), RangeError, "increasing");
});

Deno.test("splitPeriod: each row in its part; the train→valid purge counts as valid; later gaps are gaps", () => {
  const sp = { train: { start: 0, end: 10 }, valid: { start: 12, end: 16 }, test: { start: 19, end: 25 } };
  const got = Array.from({ length: 27 }, (_, t) => splitPeriod(sp, t));
  const want = (t: number) =>
    t < 10 ? "train" : t < 12 ? "valid" : t < 16 ? "valid" : t >= 19 && t < 25 ? "test" : "gap";
  assert.deepEqual(got, Array.from({ length: 27 }, (_, t) => want(t)));
  assert.equal(got.filter((g) => g === "test").length, 6);
});

Deno.test("studySplit: the fixed-date split — validation from validFrom, test in range, purge + embargo", () => {
  const dates: string[] = [];
  for (let t = Date.UTC(2010, 0, 4); dates.length < 500; t += 86400000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) dates.push(new Date(t).toISOString().slice(0, 10));
  }
  const p = {
    trainEnd: "2010-12-31",
    validFrom: "2010-10-01",
    testFrom: "2011-01-03",
    testTo: "2011-06-30",
    embargo: 3,
  };
  const sp = studySplit(dates, p, 5, { minTrain: 100, minValid: 20, minTest: 50 });
  assert.deepEqual(
    sp,
    chronologicalSplit(dates, { ...p, validShare: 0.5, horizon: 5, minTrain: 100, minValid: 20, minTest: 50 }),
  );
  assert.ok(dates[sp.valid.start] >= p.validFrom && dates[sp.train.end - 1] < p.validFrom);
  assert.ok(dates[sp.test.start] >= p.testFrom && dates[sp.test.end - 1] <= p.testTo);
  assert.ok(sp.valid.end - 1 + 5 + 3 < sp.test.start);
  assert.throws(() => studySplit(dates, p, 5), RangeError); // 500 training rows by default: too few here
});
