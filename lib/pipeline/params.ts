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

/**
 * Merge `base` with the profile's overrides and validate against the schema.
 * @throws {TypeError|RangeError} naming file, profile and key
 */
// deno-lint-ignore no-explicit-any
export function resolveParams<T = Record<string, any>>(
  raw: unknown,
  schema: ParamSchema,
  profile: Profile,
  file: string,
): T {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new TypeError(`${file}: expected an object with "base" and "profiles"`);
  }
  const top = raw as Record<string, unknown>;
  for (const k of Object.keys(top)) {
    if (k !== "base" && k !== "profiles" && k !== "$comment") {
      throw new RangeError(`${file}: unknown top-level key "${k}" (expected "base", "profiles")`);
    }
  }
  const base = asObject(top.base ?? {}, `${file}: base`);
  const profiles = asObject(top.profiles, `${file}: profiles`);
  for (const p of Object.keys(profiles)) parseProfile(p, `${file}: profiles`);
  for (const p of PROFILES) {
    if (!(p in profiles)) {
      throw new RangeError(`${file}: profiles.${p} is missing (every experiment has quick and full)`);
    }
  }
  const over = asObject(profiles[profile], `${file}: profiles.${profile}`);
  const merged: Record<string, unknown> = { ...base, ...over };
  for (const k of Object.keys(merged)) {
    if (!(k in schema)) {
      const where = k in over ? `profiles.${profile}` : "base";
      throw new RangeError(
        `${file}: unknown parameter "${k}" in ${where} (known: ${Object.keys(schema).join(", ")})`,
      );
    }
  }
  for (const [k, spec] of Object.entries(schema)) {
    if (!(k in merged)) throw new RangeError(`${file}: parameter "${k}" is missing for profile ${profile}`);
    checkValue(merged[k], spec, `${file}: ${k} (profile ${profile})`);
  }
  return merged as T;
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
