import assert from "node:assert/strict";
import { marginInForce, parseCmeMargins } from "./cme_margins.ts";

Deno.test("parseCmeMargins + marginInForce: step function of effective dates", () => {
  const ev = parseCmeMargins("date,initial,maintenance\n20200310,4510,4100\n20200320,6160,5600\n", "CL.csv");
  const m = marginInForce(ev, ["2020-03-09", "2020-03-10", "2020-03-19", "2020-03-20", "2020-04-01"]);
  assert.deepEqual([...m.initial], [NaN, 4510, 4510, 6160, 6160]);
  assert.deepEqual([...m.maintenance], [NaN, 4100, 4100, 5600, 5600]);
});

Deno.test("parseCmeMargins: bad rows name file, line and value", () => {
  assert.throws(
    () => parseCmeMargins("date,initial,maintenance\n20200310,-1,4100\n", "CL.csv"),
    /CL\.csv:2: initial margin must be a positive number, got "-1"/,
  );
  assert.throws(
    () => parseCmeMargins("date,initial,maintenance\n20200310,4000,4100\n", "CL.csv"),
    /CL\.csv:2: maintenance 4100 exceeds initial 4000/,
  );
  assert.throws(
    () => parseCmeMargins("date,initial,maintenance\n20200310,4510,4100\n20200301,4510,4100\n", "CL.csv"),
    /CL\.csv:3: effective dates must increase/,
  );
});
