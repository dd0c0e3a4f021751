import assert from "node:assert/strict";
import { resolveParams } from "../pipeline/params.ts";
import {
  checkStudyParams,
  crudeStudyOptions,
  FOREST_SCHEMA,
  NETWORK_SCHEMA,
  SEQUENCE_SCHEMA,
  STUDY_SCHEMA,
  type StudyParams,
} from "./study_params.ts";
import { testStudyParams } from "../testing/study_params_fixture.ts";

const STUDY: StudyParams = testStudyParams({
  lookback: 250,
  sampleEnd: "2022-02-15",
  features: ["rv_20d", "ovx"],
});

Deno.test("study schemas validate the shared keys (unknown or out-of-range values are errors)", () => {
  const schema = { ...STUDY_SCHEMA, ...NETWORK_SCHEMA, ...FOREST_SCHEMA, ...SEQUENCE_SCHEMA };
  const base = {
    ...STUDY,
    netEpochs: 5,
    netBatch: 64,
    netLr: 0.003,
    netPatience: 3,
    mlpHidden: [8],
    forestTrees: 5,
    forestMaxDepth: 4,
    forestMinLeaf: 20,
    forestMaxRows: 400,
    seqLookback: 10,
    lstmUnits: 8,
    trfDModel: 8,
    trfHeads: 2,
    trfFfn: 16,
  };
  const raw = (b: object) => ({ base: b, profiles: { quick: {}, full: {} } });
  assert.equal(resolveParams<StudyParams>(raw(base), schema, "quick", "p.json").mpor, 2);
  assert.throws(() => resolveParams(raw({ ...base, mpor: 0 }), schema, "quick", "p.json"), /mpor/);
  assert.throws(() => resolveParams(raw({ ...base, mlpHidden: [] }), schema, "quick", "p.json"), /mlpHidden/);
});

Deno.test("checkStudyParams / crudeStudyOptions", () => {
  checkStudyParams({ ...STUDY, forwardFeatures: ["ovx"] });
  assert.throws(() => checkStudyParams({ ...STUDY, mMin: 1 }), /mMin < 1 < mMax/);
  assert.throws(() => checkStudyParams({ ...STUDY, forwardFeatures: ["vix"] }), /"vix" is not in features/);
  assert.deepEqual(crudeStudyOptions(STUDY, "short"), {
    mpor: 2,
    imTau: 0.99,
    lookback: 250,
    contractBbl: 1000,
    features: ["rv_20d", "ovx"],
    side: "short",
  });
});
