import assert from "node:assert/strict";
import fc from "fast-check";
import { type CrifRecord, parseCrif } from "./crif.ts";
import { formatCrif } from "./format_crif.ts";
import { CREDIT_TENORS, IR_TENORS } from "./tenor.ts";

// Generated CRIF files mix valid lines (every risk-type shape, quoted fields, odd case, -0, extreme but
// allowed amounts, regulation lists) with broken ones (a stray quote, delimiter or line break inserted,
// a slice deleted, a field replaced by junk or an over-cap amount, random text). The reader must either
// return records that survive formatCrif → parseCrif unchanged, or throw a TypeError/RangeError whose
// message starts with "fuzz.csv:LINE" for a line of the file. Nothing else.

const HEAD =
  "TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,AmountUSD," +
  "CollectRegulations,PostRegulations";
const quote = (s: string) => (/[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
const text = fc.string({ maxLength: 6, unit: fc.constantFrom("a", "Z", "9", " ", ",", '"', ":", "|", "\n", "é") });
const ccy = fc.constantFrom("USD", "EUR", "GBP", "JPY", "ZZZ");
const amount = fc.oneof(
  fc.double({ min: -1e15, max: 1e15, noNaN: true }).map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom("-0", "1e15", "-1e15", ".5", "5.", "+3", " 7 ", "1E3"),
);
const regs = fc.subarray(["ESA", "USPR", "SEC", "CFTC", "SEC-unseg"]).map((r) => r.join(","));
const caseOf = (s: string) => fc.constantFrom(s, s.toUpperCase());
const shape = fc.oneof(
  fc.record({
    pc: fc.constant("RatesFX"),
    rt: fc.constant("Risk_IRCurve"),
    q: ccy,
    b: fc.constantFrom("", "1", "2", "3", "01"),
    l1: fc.constantFrom(...IR_TENORS).chain(caseOf),
    l2: fc.constantFrom("OIS", "Libor3m"),
  }),
  fc.record({
    pc: fc.constant("RatesFX"),
    rt: fc.constant("Risk_FX"),
    q: ccy,
    b: fc.constant(""),
    l1: fc.constant(""),
    l2: fc.constant(""),
  }),
  fc.record({
    pc: fc.constant("RatesFX"),
    rt: fc.constant("Risk_FXVol"),
    q: fc.constantFrom("EURUSD", "USDJPY", "GBPZZZ"),
    b: fc.constant(""),
    l1: fc.constantFrom("1y", "6m", "10Y"),
    l2: fc.constant(""),
  }),
  fc.record({
    pc: fc.constant("Equity"),
    rt: fc.constant("Risk_Equity"),
    q: text.filter((s) => s.trim() !== ""),
    b: fc.constantFrom("1", "12", "Residual", "residual"),
    l1: fc.constant(""),
    l2: fc.constant(""),
  }),
  fc.record({
    pc: fc.constant("Credit"),
    rt: fc.constant("Risk_CreditQ"),
    q: text.filter((s) => s.trim() !== ""),
    b: fc.constantFrom("1", "7", "Residual"),
    l1: fc.constantFrom(...CREDIT_TENORS),
    l2: fc.constantFrom("", "Sec"),
  }),
  fc.record({
    pc: fc.constant("Commodity"),
    rt: fc.constant("Risk_Commodity"),
    q: text.filter((s) => s.trim() !== ""),
    b: fc.constantFrom("1", "17"),
    l1: fc.constant(""),
    l2: fc.constant(""),
  }),
  fc.record({
    pc: fc.constantFrom("", "Empty"),
    rt: fc.constant("Param_ProductClassMultiplier"),
    q: fc.constantFrom("RatesFX", "Credit", "Equity", "Commodity"),
    b: fc.constant(""),
    l1: fc.constant(""),
    l2: fc.constant(""),
  }),
);
const validLine = fc.record({ trade: text, pf: text, s: shape, amt: amount, cur: ccy, usd: amount, c: regs, p: regs })
  .map(({ trade, pf, s, amt, cur, usd, c, p }) => {
    const isMult = s.rt === "Param_ProductClassMultiplier";
    const a = isMult ? "1.5" : amt;
    const cc = isMult ? "" : cur;
    const u = isMult || cur === "USD" ? "" : usd;
    return [trade, pf, s.pc, s.rt, s.q, s.b, s.l1, s.l2, a, cc, u, c, p].map(quote).join(",");
  });
const brokenLine = fc.oneof(
  fc.tuple(validLine, fc.nat(), fc.constantFrom('"', ",", "\n", "\r", "x", " ", '""', '"x"'))
    .map(([l, k, ins]) => l.slice(0, k % (l.length + 1)) + ins + l.slice(k % (l.length + 1))),
  fc.tuple(validLine, fc.nat(), fc.nat({ max: 12 })).map(([l, k, d]) => {
    const at = k % (l.length + 1);
    return l.slice(0, at) + l.slice(at + d);
  }),
  fc.tuple(
    validLine,
    fc.nat({ max: 12 }),
    fc.constantFrom("1e200", "-1e160", "1e308", "NaN", "", "Risk_Foo", "99", '"'),
  )
    .map(([l, k, junk]) => {
      const f = l.split(",");
      f[k % f.length] = junk;
      return f.join(",");
    }),
  text,
);
const file = fc.array(fc.oneof(validLine, validLine, brokenLine), { maxLength: 6 }).map((ls) =>
  [HEAD, ...ls].join("\n") + "\n"
);

const strip = (rs: readonly CrifRecord[]) => rs.map(({ file: _f, line: _l, ...rest }) => rest);

Deno.test("parseCrif fuzz (10,000 generated files): round-trips or throws naming file and line", () => {
  let parsed = 0, refused = 0;
  fc.assert(
    fc.property(file, (t) => {
      let records: readonly CrifRecord[];
      try {
        records = parseCrif(t, { file: "fuzz.csv" }).records;
      } catch (e) {
        refused++;
        if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
        const m = /^fuzz\.csv:(\d+)(?::\d+)?: /.exec(e.message);
        if (m === null) throw new Error(`message names no file:line: ${e.message}`);
        const nLines = t.split("\n").length;
        if (!(Number(m[1]) >= 1 && Number(m[1]) <= nLines)) throw new Error(`line ${m[1]} of ${nLines}: ${e.message}`);
        return;
      }
      parsed++;
      const again = parseCrif(formatCrif(records), { file: "again.csv" }).records;
      assert.deepStrictEqual(strip(again), strip(records));
    }),
    { seed: 20261207, numRuns: 10_000 },
  );
  // both branches are exercised in earnest
  assert.ok(parsed > 1000 && refused > 1000, `parsed ${parsed}, refused ${refused}`);
});
