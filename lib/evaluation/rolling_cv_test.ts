import assert from "node:assert/strict";
import { rollingOriginFolds } from "./rolling_cv.ts";
import { businessDays } from "../market/synthetic_market.ts";

const dates = businessDays("2010-01-04", 2600); // about ten years

Deno.test("rollingOriginFolds: validation years are the window's last years, disjoint, after their training rows", () => {
  const end = dates.findIndex((d) => d >= "2017-01-01") - 4; // an outer window ending before 2017 with its purge
  const f = rollingOriginFolds(dates, { end, folds: 3, horizon: 2, embargo: 2, maxTrainRows: 500 });
  assert.deepEqual(f.map((x) => x.year), [2014, 2015, 2016]);
  for (const [k, x] of f.entries()) {
    // every validation row dated in its year, the whole year before `end`
    for (let i = x.valid.start; i < x.valid.end; i++) assert.equal(dates[i].slice(0, 4), String(x.year));
    assert.ok(x.valid.start === 0 || dates[x.valid.start - 1] < `${x.year}-01-01`);
    assert.ok(x.valid.end === end || dates[x.valid.end] >= `${x.year + 1}-01-01`);
    // embargo: the last training label (t, t + 2] ends 2 rows before the first validation row
    assert.equal(x.valid.start - x.train.end, 2 + 2);
    assert.equal(x.train.end - x.train.start, 500);
    if (k > 0) assert.ok(f[k - 1].valid.end <= x.valid.start, "validation years overlap");
  }
});

Deno.test("rollingOriginFolds: no fold reads a row at or after the window end (no look-ahead)", () => {
  for (const cut of [700, 1333, 2000, 2599]) {
    const f = rollingOriginFolds(dates, { end: cut, folds: 2, horizon: 2, embargo: 2, minValid: 1 });
    for (const x of f) assert.ok(x.valid.end <= cut && x.train.end <= x.valid.start, `cut ${cut}`);
    // the folds of a window depend only on the dates before its end: changing later dates changes nothing
    const later = dates.map((d, i) => (i < cut ? d : `2099-${String(i).padStart(6, "0")}`));
    assert.deepEqual(rollingOriginFolds(later, { end: cut, folds: 2, horizon: 2, embargo: 2, minValid: 1 }), f);
  }
});

Deno.test("rollingOriginFolds: uncapped training starts at row 0; errors name the argument and value", () => {
  const f = rollingOriginFolds(dates, { end: 1500, folds: 1, horizon: 2, embargo: 0 });
  assert.equal(f[0].train.start, 0);
  const o = { end: 1500, folds: 2, horizon: 2, embargo: 2 };
  assert.throws(() => rollingOriginFolds(dates, { ...o, folds: 0 }), /folds must be an integer >= 1, got 0/);
  assert.throws(() => rollingOriginFolds(dates, { ...o, end: 9999 }), /end 9999 is after the 2600 dates/);
  assert.throws(() => rollingOriginFolds(dates, { ...o, embargo: -1 }), /embargo must be an integer >= 0, got -1/);
  assert.throws(() => rollingOriginFolds(dates, { ...o, maxTrainRows: 0.5 }), /maxTrainRows/);
  assert.throws(() => rollingOriginFolds(dates, { ...o, folds: 6 }), /validation year 2010 has 0 training rows, < 50/);
  assert.throws(() => rollingOriginFolds([...dates].reverse(), o), /not ascending at row 1/);
});

Deno.test("rollingOriginFolds with validRows: contiguous periods ending at the window end, embargoed, capped", () => {
  const end = 1000;
  const f = rollingOriginFolds(dates, { end, folds: 3, horizon: 2, embargo: 3, maxTrainRows: 400, validRows: 150 });
  assert.deepEqual(f.map((x) => [x.valid.start, x.valid.end]), [[550, 700], [700, 850], [850, 1000]]);
  for (const x of f) {
    assert.equal(x.valid.start - x.train.end, 2 + 3);
    assert.ok(x.train.end - x.train.start <= 400 && x.train.start >= 0);
    assert.equal(x.year, Number(dates[x.valid.start].slice(0, 4)));
  }
  assert.equal(f[0].train.end - f[0].train.start, 400);
  // a window that does not end at a year's end: calendar years would leave a stub year, periods do not
  const stub = dates.findIndex((d) => d >= "2013-01-01") + 5;
  assert.throws(
    () => rollingOriginFolds(dates, { end: stub, folds: 1, horizon: 2, embargo: 2 }),
    /validation year 2013 has 5 rows/,
  );
  const [p] = rollingOriginFolds(dates, { end: stub, folds: 1, horizon: 2, embargo: 2, validRows: 100 });
  assert.deepEqual(p.valid, { start: stub - 100, end: stub });
  // too few rows before the periods, or a period shorter than minValid, are errors naming the value
  assert.throws(
    () => rollingOriginFolds(dates, { end: 300, folds: 2, horizon: 2, embargo: 2, validRows: 130 }),
    /validation rows \[40, 170\) leave 36 training rows, < 50/,
  );
  assert.throws(
    () => rollingOriginFolds(dates, { end: 300, folds: 1, horizon: 2, embargo: 2, validRows: 10 }),
    /validRows must be an integer >= 20, got 10/,
  );
});
