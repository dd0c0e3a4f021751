/**
 * Experiment parameters as validated data. `params.json` holds a `base` object
 * and per-profile overrides (`profiles.quick`, `profiles.full`); the resolved
 * parameters are checked against a schema: unknown keys, missing keys, wrong
 * types and out-of-range values are errors naming the file, profile and key.
 *
 * @example
 * ```ts
 * import { resolveParams, type ParamSchema } from "./params.ts";
 * const schema: ParamSchema = { mpor: { type: "integer", min: 1 }, conf: { type: "number", min: 0, max: 1 } };
 * const p = resolveParams({ base: { mpor: 2, conf: 0.99 }, profiles: { quick: {}, full: {} } }, schema, "quick", "params.json");
 * p.mpor; // 2
 * ```
 * @module
 */

/** Type and range of one parameter. */
export type ParamSpec =
  | { type: "number"; min?: number; max?: number; doc?: string }
  | { type: "integer"; min?: number; max?: number; doc?: string }
  | { type: "string"; enum?: readonly string[]; doc?: string }
  | { type: "boolean"; doc?: string }
  | { type: "number[]"; min?: number; max?: number; minLength?: number; doc?: string }
  | { type: "integer[]"; min?: number; max?: number; minLength?: number; doc?: string }
  | { type: "string[]"; enum?: readonly string[]; minLength?: number; doc?: string }
  | { type: "date"; doc?: string };

/** Schema: parameter name → spec. */
export type ParamSchema = Record<string, ParamSpec>;

/** The value a spec validates: `number`/`integer` → number, `date` → an ISO date string, arrays as arrays. */
export type ParamValue<P extends ParamSpec> = P["type"] extends "number" | "integer" ? number
  : P["type"] extends "number[]" | "integer[]" ? number[]
  : P["type"] extends "string[]" ? string[]
  : P["type"] extends "boolean" ? boolean
  : string;

/**
 * The parameters a schema validates, as a type — one declaration for the schema and its type. Declare the schema
 * with `satisfies ParamSchema` (not `: ParamSchema`) so that its keys and spec types stay known.
 *
 * @example
 * ```ts
 * import type { ParamSchema, ParamValues } from "./params.ts";
 * const SCHEMA = { trees: { type: "integer", min: 1 }, sampleEnd: { type: "date" } } satisfies ParamSchema;
 * const p: ParamValues<typeof SCHEMA> = { trees: 100, sampleEnd: "2022-02-15" };
 * ```
 */
export type ParamValues<S extends ParamSchema> = { -readonly [K in keyof S]: ParamValue<S[K]> };

/** The profiles every experiment provides. */
export const PROFILES = ["quick", "full"] as const;
/** A parameter profile: CI-sized or paper-sized. */
export type Profile = typeof PROFILES[number];

/** Check that `s` names a profile. */
export function parseProfile(s: string, where = "--profile"): Profile {
  if (!(PROFILES as readonly string[]).includes(s)) {
    throw new RangeError(`${where}: unknown profile "${s}" (expected one of ${PROFILES.join(", ")})`);
  }
  return s as Profile;
}

/** One parsed parameter file of an `extends` chain: the file it came from and its JSON. */
export interface ParamLayer {
  /** Root-relative path, used in every error message. */
  file: string;
  raw: unknown;
}

const TOP_KEYS = new Set(["base", "profiles", "extends", "$comment"]);

/**
 * Check one layer's shape: an object with optional `base`, `profiles` (only known profile names) and `extends`.
 * @throws {TypeError|RangeError} naming the file and key
 */
export function checkParamLayer(layer: ParamLayer): {
  base: Record<string, unknown>;
  profiles: Partial<Record<Profile, Record<string, unknown>>>;
  extends?: string;
} {
  const { file, raw } = layer;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new TypeError(`${file}: expected an object with "base" and "profiles"`);
  }
  const top = raw as Record<string, unknown>;
  for (const k of Object.keys(top)) {
    if (!TOP_KEYS.has(k)) {
      throw new RangeError(`${file}: unknown top-level key "${k}" (expected "base", "profiles", "extends")`);
    }
  }
  if (top.extends !== undefined && (typeof top.extends !== "string" || top.extends === "")) {
    throw new TypeError(`${file}: "extends" must be a path to a params file, got ${JSON.stringify(top.extends)}`);
  }
  const base = asObject(top.base ?? {}, `${file}: base`);
  const profiles = asObject(top.profiles ?? {}, `${file}: profiles`);
  const out: Partial<Record<Profile, Record<string, unknown>>> = {};
  for (const p of Object.keys(profiles)) {
    out[parseProfile(p, `${file}: profiles`)] = asObject(profiles[p], `${file}: profiles.${p}`);
  }
  return { base, profiles: out, extends: top.extends as string | undefined };
}

/**
 * Merge a chain of layers for `profile` without a schema: the first layer is the root of the `extends` chain, the
 * last the stage's own `params.json`. Each layer applies its `base`, then its `profiles[profile]`, over what the
 * layers before it set. Returns the merged values and, per key, where its value came from (`file: base` or
 * `file: profiles.quick`).
 * @throws {TypeError|RangeError} naming the file and key
 */
export function mergeParamLayers(
  layers: readonly ParamLayer[],
  profile: Profile,
): { values: Record<string, unknown>; origin: Map<string, string> } {
  if (layers.length === 0) throw new RangeError("mergeParamLayers: no parameter file");
  const leaf = layers[layers.length - 1].file;
  const checked = layers.map(checkParamLayer);
  for (const p of PROFILES) {
    if (!checked.some((c) => p in c.profiles)) {
      throw new RangeError(`${leaf}: profiles.${p} is missing (every experiment has quick and full)`);
    }
  }
  const values: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  checked.forEach((c, i) => {
    const file = layers[i].file;
    for (const [k, v] of Object.entries(c.base)) {
      values[k] = v;
      origin.set(k, `${file}: base`);
    }
    for (const [k, v] of Object.entries(c.profiles[profile] ?? {})) {
      values[k] = v;
      origin.set(k, `${file}: profiles.${profile}`);
    }
  });
  return { values, origin };
}

/**
 * Merge a chain of parameter layers (see {@link mergeParamLayers}) and validate the result for `profile` against the
 * schema. Errors name the file and section a value came from.
 * @throws {TypeError|RangeError} naming file, profile and key
 */
// deno-lint-ignore no-explicit-any
export function resolveParamLayers<T = Record<string, any>>(
  layers: readonly ParamLayer[],
  schema: ParamSchema,
  profile: Profile,
): T {
  const { values, origin } = mergeParamLayers(layers, profile);
  const leaf = layers[layers.length - 1].file;
  for (const k of Object.keys(values)) {
    if (!(k in schema)) {
      const [file, where] = splitOrigin(origin.get(k)!);
      throw new RangeError(
        `${file}: unknown parameter "${k}" in ${where} (known: ${Object.keys(schema).join(", ")})`,
      );
    }
  }
  for (const [k, spec] of Object.entries(schema)) {
    if (!(k in values)) throw new RangeError(`${leaf}: parameter "${k}" is missing for profile ${profile}`);
    checkValue(values[k], spec, `${splitOrigin(origin.get(k)!)[0]}: ${k} (profile ${profile})`);
  }
  return values as T;
}

function splitOrigin(o: string): [string, string] {
  const i = o.lastIndexOf(": ");
  return [o.slice(0, i), o.slice(i + 2)];
}

/**
 * Merge `base` with the profile's overrides and validate against the schema (one file, no `extends`; the stage
 * harness reads a file's `extends` chain with `loadParamLayers` from `params_file.ts`).
 * @throws {TypeError|RangeError} naming file, profile and key
 */
// deno-lint-ignore no-explicit-any
export function resolveParams<T = Record<string, any>>(
  raw: unknown,
  schema: ParamSchema,
  profile: Profile,
  file: string,
): T {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "extends" in raw) {
    throw new RangeError(`${file}: "extends" needs the file's location; read it with loadParamLayers (params_file.ts)`);
  }
  const c = checkParamLayer({ file, raw });
  for (const p of PROFILES) {
    if (!(p in c.profiles)) {
      throw new RangeError(`${file}: profiles.${p} is missing (every experiment has quick and full)`);
    }
  }
  return resolveParamLayers<T>([{ file, raw }], schema, profile);
}

/**
 * Whether `s` is a real calendar date written as YYYY-MM-DD (checked by round trip through the calendar, so
 * `2016-13-45` and `2021-02-29` are refused).
 */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3]);
}

function asObject(v: unknown, where: string): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new TypeError(`${where} must be an object`);
  return v as Record<string, unknown>;
}

function checkNumber(v: unknown, integer: boolean, min: number | undefined, max: number | undefined, where: string) {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`${where}: expected a finite number, got ${JSON.stringify(v)}`);
  }
  if (integer && !Number.isInteger(v)) throw new TypeError(`${where}: expected an integer, got ${v}`);
  if (min !== undefined && v < min) throw new RangeError(`${where}: ${v} is below the minimum ${min}`);
  if (max !== undefined && v > max) throw new RangeError(`${where}: ${v} is above the maximum ${max}`);
}

function checkValue(v: unknown, s: ParamSpec, where: string): void {
  switch (s.type) {
    case "number":
    case "integer":
      return checkNumber(v, s.type === "integer", s.min, s.max, where);
    case "boolean":
      if (typeof v !== "boolean") throw new TypeError(`${where}: expected true/false, got ${JSON.stringify(v)}`);
      return;
    case "string":
      if (typeof v !== "string") throw new TypeError(`${where}: expected a string, got ${JSON.stringify(v)}`);
      if (s.enum && !s.enum.includes(v)) {
        throw new RangeError(`${where}: "${v}" is not one of ${s.enum.join(", ")}`);
      }
      return;
    case "date":
      if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        throw new TypeError(`${where}: expected an ISO date YYYY-MM-DD, got ${JSON.stringify(v)}`);
      }
      if (!isIsoDate(v)) throw new RangeError(`${where}: "${v}" is not a calendar date`);
      return;
    case "number[]":
    case "integer[]":
    case "string[]": {
      if (!Array.isArray(v)) throw new TypeError(`${where}: expected an array, got ${JSON.stringify(v)}`);
      if (s.minLength !== undefined && v.length < s.minLength) {
        throw new RangeError(`${where}: needs at least ${s.minLength} entries, got ${v.length}`);
      }
      v.forEach((x, i) => {
        if (s.type === "string[]") {
          if (typeof x !== "string") throw new TypeError(`${where}[${i}]: expected a string, got ${JSON.stringify(x)}`);
          if (s.enum && !s.enum.includes(x)) {
            throw new RangeError(`${where}[${i}]: "${x}" is not one of ${s.enum.join(", ")}`);
          }
        } else checkNumber(x, s.type === "integer[]", s.min, s.max, `${where}[${i}]`);
      });
      return;
    }
  }
}
