/**
 * The `deno task simm` command line, as a function of its arguments and an injected file system
 * ({@link SimmCliIo}), so that every refusal can be tested without spawning Deno; `tasks/simm.ts` is a
 * thin wrapper that passes Deno's file system. It never prints a wrong total with exit 0:
 *
 * - a repeated option, an unknown option or a positional argument is an error;
 * - `--crif`, `--out`, `--calibration-dir` and `--fx` must not pass through a symbolic link (their real
 *   path must equal their path), so a link inside the project cannot reach outside the task's scoped
 *   permissions;
 * - a CRIF with no records is an error; every line is validated by `parseCrif` (strict quoting, amounts
 *   capped at 1e15, known regulation names) and a non-finite result is an error from `computeSimm`;
 * - `--currency` other than USD needs an explicit rate (`--fx-rate CCY=RATE` or `--fx FILE`, units of
 *   CCY per 1 USD); results are computed in USD and converted at that rate;
 * - qualifiers of currency risk types that are not ISO currencies are listed on stderr as a warning;
 * - `--crif -` reads the CRIF from standard input (`io.readStdin`); outputs are then named `stdin.*`;
 * - besides simm.csv and .simm.json it writes ORE's regulation breakdown (`regulationBreakdownCsv`);
 * - `--attribution METHOD [--attribute-by trade|risk-class]` prints the allocation table that the
 *   injected `io.attribute` renders (attribution is a higher layer than SIMM).
 *
 * @example
 * ```ts
 * import { runSimmCli, type SimmCliIo } from "./cli.ts";
 * const out: string[] = [];
 * const io: SimmCliIo = {
 *   readTextFile: (p) => Deno.readTextFile(p),
 *   readDir: async (p) => (await Array.fromAsync(Deno.readDir(p))).filter((e) => e.isFile).map((e) => e.name),
 *   realPath: (p) => Deno.realPath(p),
 *   mkdir: (p) => Deno.mkdir(p, { recursive: true }), // --out is checked for links once it exists
 *   writeTextFileAtomic: async () => {},
 *   stdout: (t) => out.push(t),
 *   stderr: () => {},
 * };
 * const code = await runSimmCli(["--crif", "data/raw/simm/ore-example-2.6/crif.csv", "--version", "2.6", "--mpor", "10"], io);
 * console.assert(code === 0 && out[0].includes("1,022,075.91"));
 * ```
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseSimmCalibration, selectCalibration, type SimmCalibration } from "./calibration.ts";
import { parseCrif } from "./crif.ts";
import { convertSimmReport, type FxRate, fxRateFor, parseFxRateArg, parseFxRates } from "./fx.ts";
import type { CrifRecord } from "./crif.ts";
import { DEFAULT_CALIBRATION_DIR } from "./load.ts";
import { computeSimm } from "./regulation.ts";
import { regulationBreakdownCsv } from "./regulation_breakdown.ts";
import { simmCsv, simmJson, simmTable } from "./report.ts";
import type { SimmSettings } from "./risk_class_margin.ts";
import { unknownQualifiers } from "./unknown_qualifiers.ts";

/**
 * What the command needs from the outside world. `realPath` follows every symbolic link and throws
 * `Deno.errors.NotFound` for a path that does not exist.
 *
 * @example
 * ```ts
 * import type { SimmCliIo } from "./cli.ts";
 * const silent: Pick<SimmCliIo, "stdout" | "stderr"> = { stdout: () => {}, stderr: () => {} };
 * ```
 */
export interface SimmCliIo {
  /** Read a text file. */
  readTextFile(path: string): Promise<string>;
  /** Names of the plain files in a folder. */
  readDir(path: string): Promise<string[]>;
  /** Absolute path with every symbolic link resolved. */
  realPath(path: string): Promise<string>;
  /** Create a folder and its parents (no error when it exists). */
  mkdir(path: string): Promise<void>;
  /** Write a text file atomically (temp file in the same folder, then rename). */
  writeTextFileAtomic(path: string, text: string): Promise<void>;
  /** Standard output (the table); one call per block of text, without the final newline. */
  stdout(text: string): void;
  /** Standard error (progress, warnings); one call per line. */
  stderr(text: string): void;
  /** All of standard input as text (for `--crif -`); without it `--crif -` is an error. */
  readStdin?(): Promise<string>;
  /**
   * The `--attribution` table (attribution lives in a higher layer than SIMM, so the task injects it);
   * without it `--attribution` is an error.
   */
  attribute?: SimmAttributionHook;
}

/**
 * What `--attribution METHOD [--attribute-by trade|risk-class]` asks of the injected attribution: a
 * printable table of the allocations of the call-side SIMM (in the calculation currency: USD amounts
 * times `unitsPerUsd`).
 *
 * @example
 * ```ts
 * import type { SimmAttributionHook } from "./cli.ts";
 * const hook: SimmAttributionHook = (req) => `${req.method} by ${req.by}`;
 * ```
 */
export type SimmAttributionHook = (request: {
  readonly records: readonly CrifRecord[];
  readonly settings: SimmSettings;
  readonly method: SimmCliAttributionMethod;
  readonly by: "trade" | "risk-class";
  readonly unitsPerUsd: number;
}) => string;

/**
 * Methods `--attribution` accepts.
 *
 * @example
 * ```ts
 * import { SIMM_CLI_ATTRIBUTION_METHODS } from "./cli.ts";
 * console.assert(SIMM_CLI_ATTRIBUTION_METHODS.includes("shapley"));
 * ```
 */
export const SIMM_CLI_ATTRIBUTION_METHODS: readonly SimmCliAttributionMethod[] = [
  "standalone",
  "euler",
  "pro-rata",
  "incremental",
  "shapley",
];

/**
 * One of {@link SIMM_CLI_ATTRIBUTION_METHODS}.
 *
 * @example
 * ```ts
 * import type { SimmCliAttributionMethod } from "./cli.ts";
 * const m: SimmCliAttributionMethod = "euler";
 * ```
 */
export type SimmCliAttributionMethod = "standalone" | "euler" | "pro-rata" | "incremental" | "shapley";

/**
 * The `--help` text.
 *
 * @example
 * ```ts
 * import { SIMM_HELP } from "./cli.ts";
 * console.assert(SIMM_HELP.includes("--fx-rate"));
 * ```
 */
export const SIMM_HELP = `Usage: deno task simm --crif FILE --version VERSION --mpor 10|1 [options]

ISDA SIMM initial margin from a CRIF file (comma, tab or pipe separated; columns ProductClass, RiskType,
Qualifier, Bucket, Label1, Label2, Amount, AmountCurrency, optional AmountUSD, TradeID, PortfolioID,
CollectRegulations, PostRegulations). Every line is validated; a bad line stops the run with an error
naming the file, line, column and value. Quoting is strict (a field is quoted as a whole, "" inside),
|amounts| are capped at 1e15, regulation names must be known, and a file without records is an error.

Options (each at most once):
  --crif FILE             CRIF input (required); - reads standard input
  --version V             SIMM version: one of the calibration files' names, e.g. 2.5, 2.5A, 2.6 (required)
  --mpor DAYS             margin period of risk, 10 or 1 (required)
  --out DIR               output folder (default .cache/simm)
  --calibration-dir DIR   folder of simmcalibration_*.xml (default ${DEFAULT_CALIBRATION_DIR})
  --currency CCY          calculation and result currency (default USD); other than USD needs a rate:
  --fx-rate CCY=RATE      RATE = units of CCY per 1 USD (e.g. EUR=0.92)
  --fx FILE               FX rate file with columns Currency,UnitsPerUSD
  --quiet                 do not print the table
  --attribution METHOD    also print the call-side SIMM allocated by METHOD: standalone, euler,
                          pro-rata, incremental or shapley (lib/attribution's methods)
  --attribute-by UNIT     trade (default: by TradeID) or risk-class (the sensitivities of each risk
                          class; add-on and multiplier rows are one unit, AdditionalIM)
  -h, --help              this text

SIMM is computed on the USD amounts (AmountUSD, against the USD concentration thresholds) with the
calculation currency's FX rules, and every result is converted at the given rate.
Paths must not pass through a symbolic link. Qualifiers of IR/FX risk types that are not ISO currencies
are listed on stderr as a warning.

Output: the breakdown table on stdout; <out>/<crif name>.simm.csv (ORE simm.csv layout), .simm.json and
.regulation_breakdown.csv (ORE's regulation breakdown: every regulation, not only the winner); with
--crif - the name is "stdin". deno task simm runs with read access to exactly the CRIF, the calibration
folder and --fx, write access to exactly --out, and no network.
Regulations: the winning regulation per side is the one with the largest total IM (ties: alphabetical).
Commercial use of ISDA SIMM requires a licence from ISDA.`;

const OPTIONS = {
  crif: { type: "string" },
  version: { type: "string" },
  mpor: { type: "string" },
  out: { type: "string" },
  "calibration-dir": { type: "string" },
  currency: { type: "string" },
  "fx-rate": { type: "string" },
  fx: { type: "string" },
  quiet: { type: "boolean" },
  attribution: { type: "string" },
  "attribute-by": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function isNotFound(e: unknown): boolean {
  return e instanceof Deno.errors.NotFound;
}

function isNotPermitted(e: unknown): boolean {
  return e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
}

/**
 * Refuse a path that passes through a symbolic link: its real path must equal the path made absolute
 * against the real working folder. With `mayNotExist`, the nearest existing ancestor is checked instead
 * (when reading an ancestor is not permitted the check is left to a second call once the folder exists).
 *
 * @throws {RangeError} naming the option, the path and where the link leads
 * @example
 * ```ts
 * import { refuseSymlink } from "./cli.ts";
 * await refuseSymlink({ realPath: (p) => Deno.realPath(p) }, "--crif", "data/raw/simm/ore-example-2.6/crif.csv");
 * ```
 */
export async function refuseSymlink(
  io: Pick<SimmCliIo, "realPath">,
  option: string,
  path: string,
  mayNotExist = false,
): Promise<void> {
  const abs = isAbsolute(path) ? resolve(path) : resolve(await io.realPath("."), path);
  let probe = abs;
  for (;;) {
    let real: string;
    try {
      real = await io.realPath(probe);
    } catch (e) {
      const parent = resolve(probe, "..");
      if (mayNotExist && isNotFound(e) && parent !== probe) {
        probe = parent;
        continue;
      }
      // scoped permissions (the task's launcher) grant no read access above a folder that does not
      // exist yet: the caller checks it again once created, before anything is written into it
      if (mayNotExist && probe !== abs && isNotPermitted(e)) return;
      throw e;
    }
    if (real !== probe) {
      throw new RangeError(
        `${option} ${JSON.stringify(path)}: ${probe === abs ? "" : `its folder ${probe} `}is reached through a ` +
          `symbolic link (real path ${real}); give a path without links (a link could lead outside the ` +
          `task's scoped permissions)`,
      );
    }
    return;
  }
}

async function loadCalibrationVia(io: SimmCliIo, version: string, dir: string): Promise<SimmCalibration> {
  const names = (await io.readDir(dir)).filter((n) => /^simmcalibration_.*\.xml$/.test(n)).sort();
  const all: SimmCalibration[] = [];
  for (const n of names) all.push(parseSimmCalibration(await io.readTextFile(`${dir}/${n}`), `${dir}/${n}`));
  return selectCalibration(all, version);
}

function calibrationCurrencies(cal: SimmCalibration): Set<string> {
  const out = new Set<string>();
  for (const rc of Object.values(cal.riskClasses)) {
    for (const m of [rc.riskWeightCurrencyGroups, rc.thresholdCurrencyGroups]) {
      for (const k of m.keys()) if (k !== "Other") out.add(k);
    }
  }
  return out;
}

/**
 * Run the command. Returns the exit code (0; `--help` also 0); throws a `TypeError`/`RangeError` (or a
 * file-system error) with a message that names the argument, file and line, which the task prints as
 * `simm: …` with exit code 2.
 *
 * @example
 * ```ts
 * import { runSimmCli } from "./cli.ts";
 * const lines: string[] = [];
 * const io = { stdout: (t: string) => lines.push(t), stderr: () => {} } as unknown as import("./cli.ts").SimmCliIo;
 * console.assert((await runSimmCli(["--help"], io)) === 0 && lines[0].startsWith("Usage"));
 * ```
 */
export async function runSimmCli(argv: readonly string[], io: SimmCliIo): Promise<number> {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  const seen = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const given = t.value === undefined ? t.rawName : `${t.rawName} ${t.value}`;
    const first = seen.get(t.name);
    if (first !== undefined) {
      throw new TypeError(`--${t.name} given twice ("${first}" and "${given}"); give each option once`);
    }
    seen.set(t.name, given);
  }
  if (values.help) {
    io.stdout(SIMM_HELP);
    return 0;
  }
  if (values.crif === undefined) throw new TypeError("--crif FILE is required (see --help)");
  if (values.version === undefined) throw new TypeError("--version is required, e.g. --version 2.6 (see --help)");
  if (values.mpor !== "10" && values.mpor !== "1") {
    throw new RangeError(`--mpor must be 10 or 1, got ${JSON.stringify(values.mpor ?? null)}`);
  }
  const mpor = values.mpor === "10" ? 10 : 1;
  const fromStdin = values.crif === "-";
  if (fromStdin && io.readStdin === undefined) throw new TypeError("--crif -: standard input is not available here");
  const method = values.attribution;
  if (method !== undefined && !(SIMM_CLI_ATTRIBUTION_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(
      `--attribution must be one of ${SIMM_CLI_ATTRIBUTION_METHODS.join(", ")}, got ${JSON.stringify(method)}`,
    );
  }
  const by = values["attribute-by"] ?? "trade";
  if (by !== "trade" && by !== "risk-class") {
    throw new RangeError(`--attribute-by must be trade or risk-class, got ${JSON.stringify(by)}`);
  }
  if (values["attribute-by"] !== undefined && method === undefined) {
    throw new TypeError("--attribute-by needs --attribution METHOD");
  }
  if (method !== undefined && io.attribute === undefined) {
    throw new TypeError("--attribution: no attribution is available here (run it through deno task simm)");
  }
  const out = values.out ?? ".cache/simm";
  const calibrationDir = values["calibration-dir"] ?? DEFAULT_CALIBRATION_DIR;
  const currency = values.currency ?? "USD";

  // FX: explicit rate or refusal
  if (values.fx !== undefined && values["fx-rate"] !== undefined) {
    throw new TypeError("give either --fx FILE or --fx-rate CCY=RATE, not both");
  }
  if (currency === "USD" && (values.fx !== undefined || values["fx-rate"] !== undefined)) {
    throw new RangeError(`--fx/--fx-rate apply only with --currency other than USD (got --currency ${currency})`);
  }
  let rates: FxRate | ReadonlyMap<string, FxRate> | undefined;
  if (values["fx-rate"] !== undefined) {
    rates = parseFxRateArg(values["fx-rate"]);
    if (rates.currency !== currency) {
      throw new RangeError(`--fx-rate is for ${rates.currency} but --currency is ${currency}`);
    }
  } else if (values.fx !== undefined) {
    await refuseSymlink(io, "--fx", values.fx);
    rates = parseFxRates(await io.readTextFile(values.fx), values.fx);
  }
  const unitsPerUsd = fxRateFor(currency, { rates, what: values.fx });

  if (!fromStdin) await refuseSymlink(io, "--crif", values.crif);
  await refuseSymlink(io, "--calibration-dir", calibrationDir);
  await refuseSymlink(io, "--out", out, true);

  const calibration = await loadCalibrationVia(io, values.version, calibrationDir);
  const crifFile = fromStdin ? "<stdin>" : values.crif;
  const crifText = fromStdin ? await io.readStdin!() : await io.readTextFile(values.crif);
  const crif = parseCrif(crifText, { file: crifFile });
  if (crif.records.length === 0) {
    throw new RangeError(`${crifFile}: no CRIF records (a header and no data lines); nothing to margin`);
  }
  const known = calibrationCurrencies(calibration);
  for (const u of unknownQualifiers(crif.records, known)) {
    const shown = u.where.slice(0, 10).join(", ") + (u.where.length > 10 ? ` and ${u.where.length - 10} more` : "");
    io.stderr(
      `simm: warning: qualifier ${JSON.stringify(u.qualifier)} (${u.riskType}) is not an ISO 4217 currency; ` +
        `SIMM treats it as an ordinary currency: ${shown}`,
    );
  }
  const settings: SimmSettings = { calibration, mpor, calculationCurrency: currency, version: values.version };
  const usd = computeSimm(crif.records, settings);
  const report = convertSimmReport(usd, unitsPerUsd);
  if (unitsPerUsd !== 1) {
    io.stderr(`simm: results converted from USD at ${unitsPerUsd} ${currency} per USD`);
  }
  if (!values.quiet) io.stdout(simmTable(report));
  if (method !== undefined) {
    io.stdout(io.attribute!({
      records: crif.records,
      settings,
      method: method as SimmCliAttributionMethod,
      by,
      unitsPerUsd,
    }));
  }
  const base = fromStdin ? "stdin" : values.crif.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  await io.mkdir(out);
  await refuseSymlink(io, "--out", out);
  const csvPath = `${out}/${base}.simm.csv`, jsonPath = `${out}/${base}.simm.json`;
  const breakdownPath = `${out}/${base}.regulation_breakdown.csv`;
  await io.writeTextFileAtomic(csvPath, simmCsv(report));
  await io.writeTextFileAtomic(jsonPath, JSON.stringify(simmJson(report), null, 2) + "\n");
  await io.writeTextFileAtomic(breakdownPath, regulationBreakdownCsv(report, crif.records));
  io.stderr(`wrote ${csvPath}, ${jsonPath} and ${breakdownPath}`);
  return 0;
}
