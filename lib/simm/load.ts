/**
 * The SIMM engine's only file-reading code (the parsers take strings): CRIF files, calibration XMLs by
 * version, and the peer-suite files. Needs `--allow-read` on the files and folders it is given.
 *
 * @example
 * ```ts
 * import { loadCalibration } from "./load.ts";
 * const cal = await loadCalibration("2.6");
 * console.assert(cal.versionNames.includes("2.6"));
 * ```
 * @module
 */

import type { SimmCalibration } from "./calibration.ts";
import { parseSimmCalibration, selectCalibration } from "./calibration.ts";
import type { Crif } from "./crif.ts";
import { parseCrif } from "./crif.ts";

/**
 * Default folder of ORE calibration XMLs (relative to the repository root).
 *
 * @example
 * ```ts
 * import { DEFAULT_CALIBRATION_DIR } from "./load.ts";
 * console.assert(DEFAULT_CALIBRATION_DIR === "data/raw/simm/calibration");
 * ```
 */
export const DEFAULT_CALIBRATION_DIR = "data/raw/simm/calibration";

/**
 * Read and parse a CRIF file; error messages name the path.
 *
 * @example
 * ```ts
 * import { loadCrif } from "./load.ts";
 * const crif = await loadCrif("data/raw/simm/ore-example-2.6/crif.csv");
 * console.assert(crif.records.length === 27);
 * ```
 */
export async function loadCrif(path: string): Promise<Crif> {
  return parseCrif(await Deno.readTextFile(path), { file: path });
}

/**
 * Every `simmcalibration_*.xml` in a folder, parsed, in file-name order.
 *
 * @example
 * ```ts
 * import { loadCalibrations } from "./load.ts";
 * console.assert((await loadCalibrations()).length >= 3);
 * ```
 */
export async function loadCalibrations(dir = DEFAULT_CALIBRATION_DIR): Promise<SimmCalibration[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && /^simmcalibration_.*\.xml$/.test(e.name)) names.push(e.name);
  }
  names.sort();
  const out: SimmCalibration[] = [];
  for (const n of names) out.push(parseSimmCalibration(await Deno.readTextFile(`${dir}/${n}`), `${dir}/${n}`));
  return out;
}

/**
 * The calibration for a SIMM version (e.g. "2.5", "2.5A", "2.6").
 *
 * @throws {RangeError} for an unknown version (the message lists the versions found)
 * @example
 * ```ts
 * import { loadCalibration } from "./load.ts";
 * console.assert((await loadCalibration("2.5A")).versionNames[0] === "2.5A");
 * ```
 */
export async function loadCalibration(version: string, dir = DEFAULT_CALIBRATION_DIR): Promise<SimmCalibration> {
  return selectCalibration(await loadCalibrations(dir), version);
}
