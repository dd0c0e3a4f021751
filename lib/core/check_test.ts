import assert from "node:assert/strict";
import {
  checkConfidence,
  checkFiniteArray,
  checkFiniteNumber,
  checkFinitePair,
  checkInt,
  checkPositive,
  checkRange,
} from "./check.ts";

Deno.test("array checks: finite series and pairs", () => {
  checkFiniteArray("f", "x", new Float64Array([1, -2]));
  checkFinitePair("f", "a", [1], "b", [2]);
  assert.throws(() => checkFiniteArray("f", "pnl", [1, NaN]), /f: pnl\[1\] must be a finite number, got NaN/);
  assert.throws(() => checkFiniteArray("f", "pnl", null as unknown as number[]), TypeError);
  assert.throws(() => checkFinitePair("f", "a", [1, 2], "b", [1]), /a.length \(2\) must equal b.length, got 1/);
  assert.throws(() => checkFinitePair("f", "a", [], "b", []), /f: a is empty/);
});

Deno.test("scalar checks return the value and name it on failure", () => {
  assert.equal(checkFiniteNumber("f", "tau", 0.5), 0.5);
  assert.equal(checkInt("f", "n", 3, 1), 3);
  assert.equal(checkPositive("f", "lr", 0, true), 0);
  assert.equal(checkRange("f", "lambda", 1, 0, 1), 1);
  checkConfidence("f", 0.99);
  assert.throws(() => checkFiniteNumber("f", "tau", Infinity), /f: tau must be a finite number, got Infinity/);
  assert.throws(() => checkInt("f", "n", 1.5, 1), /f: n must be an integer >= 1, got 1.5/);
  assert.throws(() => checkPositive("f", "lr", 0), /f: lr must be a finite number > 0, got 0/);
  assert.throws(() => checkRange("f", "w", 2, 0, 1), /f: w must be a finite number in \[0, 1\], got 2/);
  assert.throws(() => checkConfidence("f", 1, "coverage"), /f: coverage must lie in \(0, 1\), got 1/);
  assert.throws(() => checkConfidence("f", "x" as unknown as number), TypeError);
});
