import assert from "node:assert/strict";
import { bareNumerals, bindingKeys, formatValue, KEY_RENAMES, lookup, resolveBindings } from "./bindings.ts";

const m = { e01: { long: { hs: { rate: 0.0155, p: 0.0443, avg: 4527.8 } }, list: [1, 2] } };

Deno.test("resolveBindings: formats bound values", () => {
  assert.equal(
    resolveBindings(
      "r {{e01.long.hs.rate | pct:2}}, p {{ e01.long.hs.p | p }}, {{e01.long.hs.avg|usd}} {{e01.list[1]}}",
      m,
    ),
    "r 1.55%, p 0.044, USD 4,528 2",
  );
  assert.equal(formatValue(0.0001, "p"), "< 0.001");
  assert.equal(formatValue(1234567.4, "int"), "1,234,567");
  assert.deepEqual([formatValue(1e-4, "sci", 0), formatValue(0, "sci", 0), formatValue(-0.00125, "sci")], [
    "1e-4",
    "0",
    "-1.25e-3",
  ]);
});

Deno.test("resolveBindings: wrap sees every formatted value with its key (the HTML hover spans)", () => {
  const seen: [string, string][] = [];
  const out = resolveBindings("r {{e01.long.hs.rate | pct:2}}, {{e01.list[1]}}", m, KEY_RENAMES, (v, k) => {
    seen.push([v, k]);
    return `<${k}>`;
  });
  assert.equal(out, "r <e01.long.hs.rate>, <e01.list[1]>");
  assert.deepEqual(seen, [["1.55%", "e01.long.hs.rate"], ["2", "e01.list[1]"]]);
});

Deno.test("resolveBindings: a missing key fails naming the key and what exists", () => {
  assert.throws(
    () => resolveBindings("{{e01.long.fhs.rate}}", m),
    /\{\{e01\.long\.fhs\.rate\}\}: "fhs" not found under "e01\.long" \(available: hs\)/,
  );
  assert.throws(() => lookup(m, "e09.x"), /"e09" not found/);
  assert.throws(() => resolveBindings("{{e01.long | pct}}", m), /expected a finite number/);
  assert.throws(() => resolveBindings("{{e01.long.hs.p | foo}}", m), /unknown format "foo"/);
});

Deno.test("bindingKeys and bareNumerals", () => {
  const md = [
    "## Method",
    "We use 250 days.",
    "## Results",
    "The breach rate is {{e01.long.hs.rate | pct:1}} for e01 ($\\alpha = 0.99$), see @fig:e01_im.",
    "It breached 24 times.",
    "## Limitations",
    "Only 2 markets.",
  ].join("\n");
  assert.deepEqual(bindingKeys(md), ["e01.long.hs.rate"]);
  assert.deepEqual(bareNumerals(md), ["5: It breached 24 times."]);
});

Deno.test("bareNumerals: a binding wrapped over two lines is not a bare numeral", () => {
  const md = "## Results\n\nThe rate is {{e01.long.hs.rate |\npct:1}} and {{e01.list[1]\n}} too.\n";
  assert.deepEqual(bareNumerals(md), []);
  assert.equal(resolveBindings(md, m).includes("1.6%"), true);
});

Deno.test("lookup: a renamed key is read under its old name until the metrics have the new one", () => {
  const old = { e01: { params: { confidence: 0.99, lookback: 250 }, grid: { old: { a: 1 } } } };
  const renames = { "params.imTau": "params.confidence", "grid.now": "grid.old" };
  assert.equal(resolveBindings("{{e01.params.imTau | pct:0}}", old, renames), "99%");
  assert.equal(lookup(old, "e01.grid.now.a", renames), 1); // a key below a renamed path
  const rerun = { e01: { params: { imTau: 0.975, confidence: 0.99 } } };
  assert.equal(lookup(rerun, "e01.params.imTau", renames), 0.975); // the new key wins
  assert.throws(
    () => lookup(old, "e01.params.tau", renames),
    /\{\{e01\.params\.tau\}\}: "tau" not found under "e01\.params"/,
  );
  assert.throws(() => lookup(old, "e01.params.imTau", {}), /"imTau" not found/); // no map, no fallback
  assert.throws(() => lookup({ e02: {} }, "e02.params.imTau", renames), /"params" not found under "e02"/);
});

Deno.test("KEY_RENAMES: every old key is still in a committed full-profile metrics file (else drop the entry)", async () => {
  const files: string[] = [];
  for await (const e of Deno.readDir("experiments")) {
    if (!e.isDirectory || e.name === "shared") continue;
    for await (const v of Deno.readDir(`experiments/${e.name}`)) {
      const f = `experiments/${e.name}/${v.name}/metrics.full.json`;
      if (v.isDirectory && (await Deno.stat(f).catch(() => null)) !== null) files.push(f);
    }
  }
  const all = await Promise.all(files.map(async (f) => JSON.parse(await Deno.readTextFile(f))));
  for (const old of Object.values(KEY_RENAMES)) {
    const held = all.some((m) => {
      try {
        lookup({ m }, `m.${old}`, {});
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(held, `KEY_RENAMES: no committed metrics file has ${old} any more: drop the entry`);
  }
});

Deno.test("formatValue: yesno prints booleans as yes/no and refuses anything else", () => {
  assert.equal(formatValue(true, "yesno"), "yes");
  assert.equal(formatValue(false, "yesno"), "no");
  assert.throws(() => formatValue(1, "yesno", undefined, "e04.x"), /e04\.x \| yesno.*expected true or false, got 1/);
  assert.equal(resolveBindings("ok: {{a.flag | yesno}}", { a: { flag: false } }), "ok: no");
});
