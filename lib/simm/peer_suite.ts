/**
 * Driver for the ISDA SIMM unit-test combinations as published in ORE's repository
 * (`sensitivity_inputs.csv` + `sensitivity_combinations_{10,1}.csv`, pipe-delimited). Our own
 * implementation of the selection rules described in `data/raw/simm/README.md` (no ORE code):
 * `Sensitivity Ids` tokens select inputs by whole-`_`-component prefix ("All"/"All S_" = every `S_` row),
 * a row is fed once per selecting token, CollectRegulations "All" means no regulation, and the call side
 * of the winning regulation is compared. Pure: takes file texts.
 *
 * @example
 * ```ts
 * import { parsePeerInputs, selectInputs } from "./peer_suite.ts";
 * const inputs = parsePeerInputs(
 *   "ProductClass|Sensitivity_Id|CollectRegulations|RiskType|Qualifier|Bucket|Label1|Label2|Amount|AmountCurrency|AmountUSD\n" +
 *     "RatesFX|S_FX_1|All|Risk_FX|EUR||||5|USD|5\n",
 *   "inputs.csv",
 * );
 * console.assert(selectInputs(inputs, "S_FX").length === 1);
 * ```
 * @module
 */

import type { CrifRecord } from "./crif.ts";
import { CRIF_REGULATIONS, parseCrif } from "./crif.ts";
import { parseDelimited } from "./csv.ts";
import type { MarginType } from "./types.ts";

/**
 * One input sensitivity with its id.
 *
 * @example
 * ```ts
 * import { parsePeerInputs } from "./peer_suite.ts";
 * const [x] = parsePeerInputs("ProductClass|Sensitivity_Id|CollectRegulations|RiskType|Qualifier|Bucket|Label1|Label2|Amount|AmountCurrency|AmountUSD\nRatesFX|S_FX_1|All|Risk_FX|EUR||||5|USD|5\n", "in");
 * console.assert(x.id === "S_FX_1" && x.record.collectRegulations.length === 0);
 * ```
 */
export interface PeerInput {
  /** Sensitivity id (S_IR_1, JS_MUL_5, ...). */
  readonly id: string;
  /** The CRIF record (regulation "All" mapped to none). */
  readonly record: CrifRecord;
}

/**
 * One combination row.
 *
 * @example
 * ```ts
 * import { parsePeerCombinations } from "./peer_suite.ts";
 * const [c] = parsePeerCombinations("Combination Id|Sensitivity Ids|Passes Required\nC2|S_IR_2|None\n", "c");
 * console.assert(c.expected === undefined && c.passesRequired.length === 0);
 * ```
 */
export interface PeerCombination {
  /** Combination id (C1, J10, ...). */
  readonly id: string;
  /** Group / description columns joined, for messages. */
  readonly description: string;
  /** The `Sensitivity Ids` field. */
  readonly sensitivityIds: string;
  /** Expanded `Passes Required` ids. */
  readonly passesRequired: readonly string[];
  /** Expected values (absent in files without expected columns). */
  readonly expected?: Readonly<Record<MarginType | "Total", number>>;
  /** 1-based line number. */
  readonly line: number;
}

/**
 * Parse `sensitivity_inputs.csv`.
 *
 * @example
 * ```ts
 * import { parsePeerInputs } from "./peer_suite.ts";
 * console.assert(parsePeerInputs("ProductClass|Sensitivity_Id|CollectRegulations|RiskType|Qualifier|Bucket|Label1|Label2|Amount|AmountCurrency|AmountUSD\n", "x").length === 0);
 * ```
 */
export function parsePeerInputs(text: string, file: string): PeerInput[] {
  const table = parseDelimited(text, "|", file);
  const idCol = table.header.indexOf("Sensitivity_Id");
  if (idCol < 0) throw new TypeError(`${file}:1: missing column Sensitivity_Id`);
  // the peer suite writes "All" for "no regulation"
  const crif = parseCrif(text, { file, delimiter: "|", regulations: [...CRIF_REGULATIONS, "All"] });
  return crif.records.map((record, i) => {
    const regs = record.collectRegulations;
    const collect = regs.length === 1 && regs[0] === "All" ? [] : regs;
    return { id: table.rows[i][idCol].trim(), record: { ...record, collectRegulations: collect } };
  });
}

function expandPasses(field: string): string[] {
  const t = field.trim();
  if (t === "" || t === "None") return [];
  const out: string[] = [];
  for (const tok of t.split(",")) {
    const m = /^([A-Z]+)(\d+)-[A-Z]*(\d+)$/.exec(tok.trim());
    if (m !== null) {
      for (let i = Number(m[2]); i <= Number(m[3]); i++) out.push(`${m[1]}${i}`);
    } else out.push(tok.trim());
  }
  return out;
}

/**
 * Parse a `sensitivity_combinations_*.csv` file (with or without expected columns).
 *
 * @throws {TypeError} on a non-numeric expected value (names file, line, column)
 * @example
 * ```ts
 * import { parsePeerCombinations } from "./peer_suite.ts";
 * const c = parsePeerCombinations("Combination Id|Sensitivity Ids|Passes Required\nC1|S_IR_1|C2-C3\n", "x");
 * console.assert(c[0].passesRequired.join() === "C2,C3");
 * ```
 */
export function parsePeerCombinations(text: string, file: string): PeerCombination[] {
  const table = parseDelimited(text, "|", file);
  const h = (name: string) => table.header.indexOf(name);
  const iId = h("Combination Id"), iIds = h("Sensitivity Ids"), iPass = h("Passes Required");
  if (iId < 0 || iIds < 0 || iPass < 0) throw new TypeError(`${file}:1: missing combination columns`);
  const expCols: [MarginType | "Total", number][] = [
    ["Delta", h("SIMM Delta")],
    ["Vega", h("SIMM Vega")],
    ["Curvature", h("SIMM Curvature")],
    ["BaseCorr", h("SIMM Base Corr")],
    ["AdditionalIM", h("SIMM AddOn")],
    ["Total", h("SIMM Benchmark")],
  ];
  const hasExpected = expCols.every(([, i]) => i >= 0);
  return table.rows.map((row, r) => {
    let expected: Record<MarginType | "Total", number> | undefined;
    if (hasExpected) {
      expected = {} as Record<MarginType | "Total", number>;
      for (const [k, i] of expCols) {
        const v = Number(row[i]);
        if (row[i].trim() === "" || !Number.isFinite(v)) {
          throw new TypeError(`${file}:${table.lines[r]}: column ${table.header[i]} value "${row[i]}": not a number`);
        }
        expected[k] = v;
      }
    }
    return {
      id: row[iId].trim(),
      description: [h("Group"), h("Element of Calculation Tested")].filter((i) => i >= 0).map((i) => row[i]).join(
        " / ",
      ),
      sensitivityIds: row[iIds],
      passesRequired: expandPasses(row[iPass]),
      expected,
      line: table.lines[r],
    };
  });
}

/**
 * The CRIF records a `Sensitivity Ids` field selects (a row once per selecting token).
 *
 * @example
 * ```ts
 * import { selectInputs, parsePeerInputs } from "./peer_suite.ts";
 * console.assert(selectInputs([], "All").length === 0);
 * ```
 */
export function selectInputs(inputs: readonly PeerInput[], field: string): CrifRecord[] {
  const out: CrifRecord[] = [];
  for (const raw of field.split(",")) {
    let tok = raw;
    if (tok === "All" || tok === "All S_") {
      for (const x of inputs) if (x.id.startsWith("S_")) out.push(x.record);
      continue;
    }
    if (tok.startsWith("All ")) tok = tok.slice(4);
    const parts = tok.split("_");
    for (const x of inputs) {
      const ip = x.id.split("_");
      const n = Math.min(parts.length, ip.length);
      let ok = true;
      for (let i = 0; i < n && ok; i++) ok = parts[i] === ip[i];
      if (ok) out.push(x.record);
    }
  }
  return out;
}
