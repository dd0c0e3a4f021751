import assert from "node:assert/strict";
import { CREDIT_TENORS, IR_TENORS, irTenorIndex, tenorDays } from "./tenor.ts";

Deno.test("tenorDays: weeks, months, years and invalid labels", () => {
  assert.equal(tenorDays("2w"), 14);
  assert.equal(tenorDays("3m"), 365 / 4);
  assert.equal(tenorDays("10Y"), 3650);
  assert.equal(tenorDays("5d"), 5);
  assert.ok(Number.isNaN(tenorDays("")));
  assert.ok(Number.isNaN(tenorDays("1x")));
});

Deno.test("tenor lists are the SIMM vertices", () => {
  assert.equal(IR_TENORS.length, 12);
  assert.equal(irTenorIndex("30y"), 11);
  assert.equal(irTenorIndex("4y"), -1);
  assert.deepEqual([...CREDIT_TENORS], ["1y", "2y", "3y", "5y", "10y"]);
});
