// Test helper (not exported from mod.ts): the SIMM settings the lib/simm tests use.
import type { CrifRecord } from "../simm/crif.ts";
import { loadCalibration } from "../simm/load.ts";
import { computeSimm, type SimmReport } from "../simm/regulation.ts";

/** SIMM 2.6 with a 10-day margin period of risk, in `calculationCurrency`, of CRIF records. */
export async function simm26(records: readonly CrifRecord[], calculationCurrency: string): Promise<SimmReport> {
  return computeSimm(records, { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency });
}
