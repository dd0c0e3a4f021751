/**
 * Peer suite: every ISDA SIMM v2.5 unit-test combination (C1–C481, J1–J10) at both horizons must agree
 * with the published expected values (relative tolerance 1e-9; |x| < 1e-6 where 0 is expected), honouring
 * "Passes Required". SIMM 2.5A (expected values withheld) is run in full; the combinations without any
 * interest-rate delta row — the only parameters that differ from 2.5 — must reproduce the 2.5 values.
 * Data: data/raw/simm (see its SOURCE.md for provenance and licence notes).
 */
import assert from "node:assert/strict";
import { loadCalibration } from "./load.ts";
import { computeSimm } from "./regulation.ts";
import type { PeerCombination, PeerInput } from "./peer_suite.ts";
import { parsePeerCombinations, parsePeerInputs, selectInputs } from "./peer_suite.ts";
import type { SimmCalibration } from "./calibration.ts";
import type { Mpor } from "./types.ts";

const DIR = "data/raw/simm/simmisdaunittests";
const KEYS = ["Delta", "Vega", "Curvature", "BaseCorr", "AdditionalIM", "Total"] as const;

async function suite(version: string, mpor: Mpor, withExpected: boolean) {
  const inputs = parsePeerInputs(
    await Deno.readTextFile(`${DIR}/${version}/sensitivity_inputs.csv`),
    `${version}/sensitivity_inputs.csv`,
  );
  const file = withExpected
    ? `sensitivity_combinations_${mpor}.csv`
    : `sensitivity_combinations_${mpor}_no_expected.csv`;
  const combos = parsePeerCombinations(await Deno.readTextFile(`${DIR}/${version}/${file}`), `${version}/${file}`);
  return { inputs, combos, calibration: await loadCalibration(version) };
}

function run(inputs: readonly PeerInput[], c: PeerCombination, calibration: SimmCalibration, mpor: Mpor) {
  const recs = selectInputs(inputs, c.sensitivityIds);
  const res = computeSimm(recs, { calibration, mpor, calculationCurrency: "USD" }).sides.Call.portfolios[0].result;
  return { recs, got: { ...res.byMarginType, Total: res.total } as Record<(typeof KEYS)[number], number> };
}

function agrees(expected: number, got: number): boolean {
  return expected === 0 ? Math.abs(got) < 1e-6 : Math.abs(got - expected) <= 1e-9 * Math.abs(expected);
}

for (const mpor of [10, 1] as const) {
  Deno.test(`ISDA SIMM 2.5 unit tests, ${mpor}-day MPOR: all 491 combinations agree at 1e-9`, async () => {
    const { inputs, combos, calibration } = await suite("2.5", mpor, true);
    assert.equal(combos.length, 491);
    const passed = new Set<string>();
    const failures: string[] = [];
    let maxRel = 0;
    for (const c of combos) {
      const missing = c.passesRequired.filter((id) => !passed.has(id));
      if (missing.length > 0) {
        failures.push(`${c.id}: required ${missing.join(",")} did not pass`);
        continue;
      }
      const { got } = run(inputs, c, calibration, mpor);
      const bad = KEYS.filter((k) => !agrees(c.expected![k], got[k]));
      for (const k of KEYS) if (c.expected![k] !== 0) maxRel = Math.max(maxRel, Math.abs(got[k] / c.expected![k] - 1));
      if (bad.length === 0) passed.add(c.id);
      else {failures.push(`${c.id} (${c.description}): ${
          bad.map((k) => `${k} expected ${c.expected![k]} got ${got[k]}`).join("; ")
        }`);}
    }
    assert.deepEqual(failures, []);
    assert.equal(passed.size, 491);
    assert.ok(maxRel < 1e-12, `max relative error ${maxRel}`);
  });

  Deno.test(`ISDA SIMM 2.5A unit tests, ${mpor}-day MPOR: all run; combinations without IR delta equal the 2.5 results`, async () => {
    const a = await suite("2.5A", mpor, false);
    const ref = await suite("2.5", mpor, true);
    assert.equal(a.combos.length, 491);
    let compared = 0;
    for (let i = 0; i < a.combos.length; i++) {
      const c = a.combos[i], r = ref.combos[i];
      assert.equal(c.id, r.id);
      const { recs, got } = run(a.inputs, c, a.calibration, mpor);
      for (const k of KEYS) assert.ok(Number.isFinite(got[k]) && got[k] >= 0, `${c.id} ${k}=${got[k]}`);
      if (recs.some((x) => x.riskType === "Risk_IRCurve")) continue;
      compared++;
      for (const k of KEYS) {
        assert.ok(agrees(r.expected![k], got[k]), `${c.id} ${k}: 2.5 expected ${r.expected![k]}, 2.5A got ${got[k]}`);
      }
    }
    assert.ok(compared >= 400, `compared ${compared}`);
  });
}
