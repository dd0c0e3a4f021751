/**
 * `deno task simm --crif FILE --version 2.6 --mpor 10 [--out DIR] [--calibration-dir DIR] [--currency USD]`
 *
 * ISDA SIMM from a CRIF file: prints the breakdown (per side, product class, risk class, margin type,
 * bucket) and writes `<out>/<name>.simm.csv` (ORE simm.csv columns) and `<out>/<name>.simm.json`
 * atomically (temp file in the same folder, then rename). Needs read access to the CRIF and the
 * calibration folder, write access to the output folder, and no network.
 *
 * @example
 * ```sh
 * deno run --allow-read=. --allow-write=. --deny-net tasks/simm.ts \
 *   --crif data/raw/simm/ore-example-2.6/crif.csv --version 2.6 --mpor 10
 * ```
 * @module
 */

import { parseArgs } from "node:util";
import { DEFAULT_CALIBRATION_DIR, loadCalibration, loadCrif } from "../lib/simm/load.ts";
import { computeSimm } from "../lib/simm/regulation.ts";
import { simmCsv, simmJson, simmTable } from "../lib/simm/report.ts";

const HELP = `Usage: deno task simm --crif FILE --version VERSION --mpor 10|1 [options]

ISDA SIMM initial margin from a CRIF file (comma, tab or pipe separated; columns ProductClass, RiskType,
Qualifier, Bucket, Label1, Label2, Amount, AmountCurrency, optional AmountUSD, TradeID, PortfolioID,
CollectRegulations, PostRegulations). Every line is validated; a bad line stops the run with an error
naming the file, line, column and value.

Options:
  --crif FILE             CRIF input (required)
  --version V             SIMM version: one of the calibration files' names, e.g. 2.5, 2.5A, 2.6 (required)
  --mpor DAYS             margin period of risk, 10 or 1 (required)
  --out DIR               output folder (default .cache/simm)
  --calibration-dir DIR   folder of simmcalibration_*.xml (default ${DEFAULT_CALIBRATION_DIR})
  --currency CCY          calculation currency of AmountUSD amounts (default USD)
  --quiet                 do not print the table
  -h, --help              this text

Output: the breakdown table on stdout; <out>/<crif name>.simm.csv (ORE simm.csv layout) and .simm.json.
Regulations: the winning regulation per side is the one with the largest total IM (ties: alphabetical).
Commercial use of ISDA SIMM requires a licence from ISDA.`;

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${Deno.pid}.tmp`;
  try {
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      crif: { type: "string" },
      version: { type: "string" },
      mpor: { type: "string" },
      out: { type: "string", default: ".cache/simm" },
      "calibration-dir": { type: "string", default: DEFAULT_CALIBRATION_DIR },
      currency: { type: "string", default: "USD" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.crif === undefined) throw new TypeError("--crif FILE is required (see --help)");
  if (values.version === undefined) throw new TypeError("--version is required, e.g. --version 2.6 (see --help)");
  if (values.mpor !== "10" && values.mpor !== "1") {
    throw new RangeError(`--mpor must be 10 or 1, got ${JSON.stringify(values.mpor ?? null)}`);
  }
  const mpor = values.mpor === "10" ? 10 : 1;
  const calibration = await loadCalibration(values.version, values["calibration-dir"]);
  const crif = await loadCrif(values.crif);
  const report = computeSimm(crif.records, {
    calibration,
    mpor,
    calculationCurrency: values.currency,
    version: values.version,
  });
  if (!values.quiet) console.log(simmTable(report));
  const base = values.crif.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  await Deno.mkdir(values.out, { recursive: true });
  const csvPath = `${values.out}/${base}.simm.csv`, jsonPath = `${values.out}/${base}.simm.json`;
  await writeAtomic(csvPath, simmCsv(report));
  await writeAtomic(jsonPath, JSON.stringify(simmJson(report), null, 2) + "\n");
  console.error(`wrote ${csvPath} and ${jsonPath}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (e) {
    console.error(`simm: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    Deno.exit(2);
  }
}
