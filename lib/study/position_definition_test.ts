import assert from "node:assert/strict";
import { DEFAULT_POSITIONS, POSITION_GROUPS, POSITION_INSTRUMENTS, validatePositions } from "./position_definition.ts";

Deno.test("DEFAULT_POSITIONS: 14 valid positions, every group, long and short, futures 1–4 and three spreads", () => {
  const p = validatePositions(DEFAULT_POSITIONS);
  assert.equal(p.length, 14);
  assert.deepEqual(p, DEFAULT_POSITIONS.map((d) => ({ ...d })));
  for (const g of POSITION_GROUPS) assert.ok(p.some((x) => x.group === g), g);
  assert.ok(p.some((x) => x.side === "long") && p.some((x) => x.side === "short"));
  const outright = p.filter((x) => x.group === "oil-futures").map((x) => x.legs[0].instrument);
  assert.deepEqual([...new Set(outright)].sort(), ["cl1", "cl2", "cl3", "cl4"]);
  assert.equal(p.filter((x) => x.group === "oil-spread").length, 3);
  assert.deepEqual(p.filter((x) => x.group === "rates").map((x) => POSITION_INSTRUMENTS[x.legs[0].instrument]), [
    POSITION_INSTRUMENTS.ust2y,
    POSITION_INSTRUMENTS.ust10y,
    POSITION_INSTRUMENTS.ust30y,
  ]);
  assert.ok(p.every((x) => x.quantity === 1));
});

Deno.test("validatePositions: bad definitions are errors naming the entry, field and value", () => {
  const ok = {
    id: "a",
    group: "spot",
    side: "long",
    quantity: 1,
    description: "",
    legs: [{ instrument: "hh_spot", weight: 1 }],
  };
  const bad = (patch: Record<string, unknown>, re: RegExp) =>
    assert.throws(() => validatePositions([{ ...ok, ...patch }]), re, JSON.stringify(patch));
  bad({ id: "A b" }, /positions\[0\]\.id must match .* got "A b"/);
  bad({ group: "fx" }, /positions\[0\] \(a\)\.group must be one of oil-futures, oil-spread, spot, rates, got "fx"/);
  bad({ side: "flat" }, /side must be "long" or "short", got "flat"/);
  bad({ quantity: 0 }, /quantity must be a finite number > 0, got 0/);
  bad({ from: "2020-1-1" }, /from must be an ISO date YYYY-MM-DD, got "2020-1-1"/);
  bad({ from: "2021-01-01", to: "2020-01-01" }, /from 2021-01-01 is after to 2020-01-01/);
  bad({ legs: [] }, /a spot position has 1 leg\(s\), got 0/);
  bad({ legs: [{ instrument: "gold", weight: 1 }] }, /legs\[0\]\.instrument must be one of cl1, .* got "gold"/);
  bad({ legs: [{ instrument: "ust2y", weight: 1 }] }, /"ust2y" is a par-bond; a spot position holds spots/);
  bad({ legs: [{ instrument: "hh_spot", weight: 0 }] }, /legs\[0\]\.weight must be a finite number ≠ 0, got 0/);
  bad({ extra: 1 }, /unknown field "extra"/);
  const spread = { ...ok, group: "oil-spread" };
  bad(
    { ...spread, legs: [{ instrument: "cl1", weight: 1 }, { instrument: "cl1", weight: -1 }] },
    /two different contracts, got cl1 twice/,
  );
  bad(
    { ...spread, legs: [{ instrument: "cl1", weight: 1 }, { instrument: "cl2", weight: 1 }] },
    /opposite signs, got 1 and 1/,
  );
  assert.throws(() => validatePositions([ok, ok]), /positions\[1\]\.id "a" is used twice/);
  assert.throws(() => validatePositions([]), /non-empty array/);
  assert.throws(() => validatePositions([null]), TypeError);
});
