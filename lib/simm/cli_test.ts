import assert from "node:assert/strict";
import { resolve } from "node:path";
import { runSimmCli, type SimmCliIo } from "./cli.ts";

// Each probe of issue 12's SIMM section, run through the command line with an in-memory file system
// for the CRIF and outputs (calibrations are read from the repository) and a table of fake links.

const ORE = "data/raw/simm/ore-example-2.6/crif.csv";
const CWD = await Deno.realPath(".");
const HEAD = "TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency";
const HEAD_REG = `${HEAD},CollectRegulations,PostRegulations`;

interface Mem {
  io: SimmCliIo;
  out: string[];
  err: string[];
  written: Map<string, string>;
}

function memIo(files: Record<string, string> = {}, links: Record<string, string> = {}): Mem {
  const out: string[] = [], err: string[] = [], written = new Map<string, string>();
  const dirs = new Set<string>();
  const mem = new Map(Object.entries(files).map(([k, v]) => [resolve(CWD, k), v]));
  const io: SimmCliIo = {
    readTextFile: async (p) => mem.get(resolve(CWD, p)) ?? await Deno.readTextFile(p),
    readDir: async (p) => (await Array.fromAsync(Deno.readDir(p))).filter((e) => e.isFile).map((e) => e.name),
    realPath: async (p) => {
      const abs = resolve(CWD, p);
      for (const [link, target] of Object.entries(links)) {
        const l = resolve(CWD, link);
        if (abs === l) return target;
        if (abs.startsWith(l + "/")) throw new Deno.errors.NotFound(`fake: nothing under the link ${l}`);
      }
      if (mem.has(abs) || dirs.has(abs)) return abs;
      return await Deno.realPath(p);
    },
    mkdir: async (p) => {
      dirs.add(resolve(CWD, p));
      await Promise.resolve();
    },
    writeTextFileAtomic: async (p, t) => {
      written.set(p, t);
      await Promise.resolve();
    },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { io, out, err, written };
}

/** Expect a rejection whose message (not "Name: message") matches `re`. */
async function rejectsWith(fn: () => Promise<unknown>, re: RegExp): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, re);
    return true;
  });
}

const args = (
  crif: string,
  ...more: string[]
) => ["--crif", crif, "--version", "2.6", "--mpor", "10", "--out", "mem/out", ...more];

Deno.test("cli: the ORE example runs (exit 0, table on stdout, CSV and JSON written)", async () => {
  const m = memIo();
  assert.equal(await runSimmCli(args(ORE), m.io), 0);
  assert.match(m.out[0], /Post\s+CFTC\s+All\s+All\s+All\s+All\s+All\s+1,022,075\.91/);
  assert.deepEqual([...m.written.keys()], [
    "mem/out/crif.simm.csv",
    "mem/out/crif.simm.json",
    "mem/out/crif.regulation_breakdown.csv",
  ]);
  assert.equal(JSON.parse(m.written.get("mem/out/crif.simm.json")!).calculationCurrency, "USD");
  assert.equal(
    m.written.get("mem/out/crif.regulation_breakdown.csv"),
    await Deno.readTextFile("data/raw/simm/ore-example-2.6/regulation_breakdown_simm.csv"),
  );
});

Deno.test("cli: --crif - reads standard input (outputs named stdin.*, messages name <stdin>)", async () => {
  const m = memIo();
  const text = await Deno.readTextFile(ORE);
  m.io.readStdin = () => Promise.resolve(text);
  assert.equal(await runSimmCli(args("-", "--quiet"), m.io), 0);
  assert.deepEqual([...m.written.keys()], [
    "mem/out/stdin.simm.csv",
    "mem/out/stdin.simm.json",
    "mem/out/stdin.regulation_breakdown.csv",
  ]);
  assert.ok(Math.abs(JSON.parse(m.written.get("mem/out/stdin.simm.json")!).sides.Post.total - 1022075.91) < 0.01);
  const bad = memIo();
  bad.io.readStdin = () =>
    Promise.resolve(`${HEAD}
T,P,RatesFX,Risk_FX,EUR,,,,abc,USD
`);
  await rejectsWith(() => runSimmCli(args("-"), bad.io), /^<stdin>:2/);
  const none = memIo();
  await rejectsWith(() => runSimmCli(args("-"), none.io), /--crif -: standard input is not available/);
});

Deno.test("cli: --attribution calls the injected attribution with the records, settings, method and unit", async () => {
  const m = memIo();
  const seen: string[] = [];
  m.io.attribute = (req) => {
    seen.push(`${req.method}/${req.by}/${req.records.length}/${req.settings.mpor}/${req.unitsPerUsd}`);
    return "ATTRIBUTION TABLE";
  };
  assert.equal(await runSimmCli(args(ORE, "--attribution", "euler", "--attribute-by", "risk-class"), m.io), 0);
  assert.deepEqual(seen, ["euler/risk-class/27/10/1"]);
  assert.equal(m.out[1], "ATTRIBUTION TABLE");
  assert.equal(await runSimmCli(args(ORE, "--attribution", "shapley"), m.io), 0);
  assert.equal(seen[1], "shapley/trade/27/10/1");
  await rejectsWith(
    () => runSimmCli(args(ORE, "--attribution", "var"), m.io),
    /--attribution must be one of standalone, euler, pro-rata, incremental, shapley, got "var"/,
  );
  await rejectsWith(
    () => runSimmCli(args(ORE, "--attribution", "euler", "--attribute-by", "desk"), m.io),
    /trade or risk-class/,
  );
  await rejectsWith(() => runSimmCli(args(ORE, "--attribute-by", "trade"), m.io), /--attribute-by needs --attribution/);
  const plain = memIo();
  await rejectsWith(() => runSimmCli(args(ORE, "--attribution", "euler"), plain.io), /no attribution is available/);
  assert.equal(plain.written.size, 0);
});

Deno.test("cli: an absolute --out whose ancestors may not be read (scoped permissions) is checked once created", async () => {
  const m = memIo();
  const created: string[] = [];
  const realPath = m.io.realPath;
  m.io.realPath = async (p) => {
    if (p === "/elsewhere/out" && !created.includes(p)) throw new Deno.errors.NotFound("fake: not yet");
    if (p === "/elsewhere/out") return p;
    if (p === "/elsewhere") throw new Deno.errors.NotCapable('fake: Requires read access to "/elsewhere"');
    return await realPath(p);
  };
  m.io.mkdir = async (p) => {
    created.push(p);
    await Promise.resolve();
  };
  assert.equal(await runSimmCli([...args(ORE, "--quiet").slice(0, 6), "--out", "/elsewhere/out"], m.io), 0);
  assert.deepEqual(created, ["/elsewhere/out"]);
  assert.equal(m.written.size, 3);
  // once created, a folder that resolves elsewhere (a link on the way) is refused before any write
  const l = memIo();
  l.io.realPath = async (p) => {
    if (p === "/elsewhere/out") return "/linked/out";
    if (p === "/elsewhere") throw new Deno.errors.NotCapable("fake");
    return await Deno.realPath(p);
  };
  await rejectsWith(
    () => runSimmCli([...args(ORE, "--quiet").slice(0, 6), "--out", "/elsewhere/out"], l.io),
    /--out "\/elsewhere\/out": is reached through a symbolic link \(real path \/linked\/out\)/,
  );
  assert.equal(l.written.size, 0);
});

Deno.test("cli probe: amounts of 1e160 / 1e200 / 1e308 are refused with file:line:column, never Infinity", async () => {
  for (const big of ["1e160", "1e200", "-1e200"]) {
    const m = memIo({ "mem/big.csv": `${HEAD}\nT,P,RatesFX,Risk_FX,EUR,,,,${big},USD\n` });
    await assert.rejects(
      () => runSimmCli(args("mem/big.csv"), m.io),
      (e: unknown) => e instanceof RangeError && /^mem\/big\.csv:2:9: column Amount .*exceeds 1e15/.test(e.message),
    );
    assert.equal(m.written.size, 0);
  }
  const m = memIo({ "mem/reg.csv": `${HEAD_REG}\nT,P,RatesFX,Risk_FX,EUR,,,,1e308,USD,ESA,SEC\n` });
  await rejectsWith(() => runSimmCli(args("mem/reg.csv"), m.io), /^mem\/reg\.csv:2:9: column Amount/);
});

Deno.test("cli probe: malformed quoting is an error, not a re-split regulation cell", async () => {
  const ore = await Deno.readTextFile(ORE);
  const broken = ore.replace('"ESA,USPR","SEC,CFTC"', '"ESA,USPR,"SEC,CFTC"');
  assert.notEqual(broken, ore);
  const m = memIo({ "mem/q.csv": broken });
  await assert.rejects(
    () => runSimmCli(args("mem/q.csv"), m.io),
    (e: unknown) => e instanceof TypeError && /^mem\/q\.csv:2:\d+: "S" after a closing quote/.test(e.message),
  );
  const m2 = memIo({ "mem/q2.csv": `${HEAD}\nT,P,RatesFX,Risk_FX,EU"R,,,,1,USD\n` });
  await rejectsWith(() => runSimmCli(args("mem/q2.csv"), m2.io), /^mem\/q2\.csv:2:\d+: quote inside an unquoted field/);
});

Deno.test("cli probe: unknown regulation names are refused", async () => {
  const m = memIo({ "mem/r.csv": `${HEAD_REG}\nT,P,RatesFX,Risk_FX,EUR,,,,1,USD,"ESA,CFTC""",SEC\n` });
  await rejectsWith(() => runSimmCli(args("mem/r.csv"), m.io), /^mem\/r\.csv:2:11: .*unknown regulation "CFTC\\""/);
  const m2 = memIo({ "mem/r2.csv": `${HEAD_REG}\nT,P,RatesFX,Risk_FX,EUR,,,,1,USD,ESA,XYZ\n` });
  await assert.rejects(() => runSimmCli(args("mem/r2.csv"), m2.io), /unknown regulation "XYZ"/);
});

Deno.test("cli probe: --currency other than USD needs a rate; xx is refused; the rate converts (hand computation)", async () => {
  await assert.rejects(() => runSimmCli(args(ORE, "--currency", "EUR"), memIo().io), /EUR needs an FX rate/);
  await assert.rejects(() => runSimmCli(args(ORE, "--currency", "xx"), memIo().io), /"xx" is not an ISO 4217/);
  await assert.rejects(
    () => runSimmCli(args(ORE, "--currency", "EUR", "--fx-rate", "GBP=0.8"), memIo().io),
    /--fx-rate is for GBP but --currency is EUR/,
  );
  await assert.rejects(() => runSimmCli(args(ORE, "--fx-rate", "EUR=0.9"), memIo().io), /only with --currency other/);
  await assert.rejects(
    () => runSimmCli(args(ORE, "--currency", "EUR", "--fx-rate", "EUR=0"), memIo().io),
    /finite number > 0, got "0"/,
  );
  // hand computation: one GBP FX delta of 1,000,000 USD; GBP and EUR are both regular-volatility
  // currencies, risk weight 7.4 (SIMM 2.6, 10-day), far below the concentration threshold:
  // IM = 7.4 × 1,000,000 USD = 7,400,000 USD = 7,400,000 × 0.92 = 6,808,000 EUR
  const crif = `${HEAD}\nT,P,RatesFX,Risk_FX,GBP,,,,1000000,USD\n`;
  const usd = memIo({ "mem/fx.csv": crif });
  await runSimmCli(args("mem/fx.csv", "--quiet"), usd.io);
  const usdTotal = JSON.parse(usd.written.get("mem/out/fx.simm.json")!).sides.Call.total;
  assert.ok(Math.abs(usdTotal - 7_400_000) < 1e-6, `USD ${usdTotal}`);
  const eur = memIo({ "mem/fx.csv": crif });
  assert.equal(await runSimmCli(args("mem/fx.csv", "--currency", "EUR", "--fx-rate", "EUR=0.92"), eur.io), 0);
  const j = JSON.parse(eur.written.get("mem/out/fx.simm.json")!);
  assert.equal(j.calculationCurrency, "EUR");
  assert.ok(Math.abs(j.sides.Call.total - 6_808_000) < 1e-6, `EUR ${j.sides.Call.total}`);
  assert.ok(eur.written.get("mem/out/fx.simm.csv")!.includes(",6808000.000000000,EUR,EUR"));
  assert.ok(eur.err.some((l) => l.includes("converted from USD at 0.92 EUR per USD")));
  // the same through an FX file; a file without the currency, or with a bad line, is refused
  const viaFile = memIo({ "mem/fx.csv": crif, "mem/rates.csv": "Currency,UnitsPerUSD\nGBP,0.79\nEUR,0.92\n" });
  await runSimmCli(args("mem/fx.csv", "--quiet", "--currency", "EUR", "--fx", "mem/rates.csv"), viaFile.io);
  assert.equal(JSON.parse(viaFile.written.get("mem/out/fx.simm.json")!).sides.Call.total, j.sides.Call.total);
  const noEur = memIo({ "mem/fx.csv": crif, "mem/rates.csv": "Currency,UnitsPerUSD\nGBP,0.79\n" });
  await assert.rejects(
    () => runSimmCli(args("mem/fx.csv", "--currency", "EUR", "--fx", "mem/rates.csv"), noEur.io),
    /EUR needs an FX rate .*mem\/rates\.csv has no EUR rate/,
  );
  const bad = memIo({ "mem/fx.csv": crif, "mem/rates.csv": "Currency,UnitsPerUSD\nEUR,-1\n" });
  await rejectsWith(
    () => runSimmCli(args("mem/fx.csv", "--currency", "EUR", "--fx", "mem/rates.csv"), bad.io),
    /^mem\/rates\.csv:2: rate for EUR/,
  );
});

Deno.test("cli probe: a header-only CRIF is an error", async () => {
  const m = memIo({ "mem/h.csv": `${HEAD}\n` });
  await rejectsWith(() => runSimmCli(args("mem/h.csv"), m.io), /^mem\/h\.csv: no CRIF records/);
  assert.equal(m.written.size, 0);
});

Deno.test("cli probe: a repeated option is an error", async () => {
  await assert.rejects(() => runSimmCli([...args(ORE), "--mpor", "1"], memIo().io), /--mpor given twice/);
  await assert.rejects(() => runSimmCli([...args(ORE), "--quiet", "--quiet"], memIo().io), /--quiet given twice/);
  await assert.rejects(() => runSimmCli([...args(ORE), "--crif=x.csv"], memIo().io), /--crif given twice/);
});

Deno.test("cli probe: unknown qualifiers are listed on stderr with their lines (and the run completes)", async () => {
  const m = memIo({
    "mem/z.csv": `${HEAD}\nT,P,RatesFX,Risk_FX,ZZZ,,,,1000,USD\nT,P,RatesFX,Risk_FX,EUR,,,,1000,USD\n` +
      `T,P,RatesFX,Risk_IRCurve,ZZZ,1,5y,OIS,10,USD\nT,P,RatesFX,Risk_FXVol,EURQQQ,,1y,,10,USD\n`,
  });
  assert.equal(await runSimmCli(args("mem/z.csv", "--quiet"), m.io), 0);
  const w = m.err.filter((l) => l.includes("warning"));
  assert.equal(w.length, 2);
  assert.match(w[0], /qualifier "ZZZ" \(Risk_FX\) is not an ISO 4217 currency.*: mem\/z\.csv:2, mem\/z\.csv:4$/);
  assert.match(w[1], /"EURQQQ" \(Risk_FXVol\).*mem\/z\.csv:5$/);
  const clean = memIo();
  await runSimmCli(args(ORE, "--quiet"), clean.io);
  assert.ok(!clean.err.some((l) => l.includes("warning")));
});

Deno.test("cli probe: a --crif, --out, --calibration-dir or --fx reached through a symbolic link is refused", async () => {
  const links = {
    "mem/link.csv": "/tmp/outside.csv",
    "mem/outlink": "/tmp/elsewhere",
    "mem/callink": "/tmp/cal",
    "mem/fxlink.csv": "/tmp/fx.csv",
  };
  await assert.rejects(
    () => runSimmCli(args("mem/link.csv"), memIo({}, links).io),
    (e: unknown) =>
      e instanceof RangeError &&
      /^--crif "mem\/link\.csv": is reached through a symbolic link \(real path \/tmp\/outside\.csv\)/.test(e.message),
  );
  const viaOut = memIo({}, links);
  await rejectsWith(
    () => runSimmCli([...args(ORE).slice(0, -2), "--out", "mem/outlink/sub"], viaOut.io),
    /^--out "mem\/outlink\/sub": its folder \/.*\/mem\/outlink is reached through a symbolic link \(real path \/tmp\/elsewhere\)/,
  );
  assert.equal(viaOut.written.size, 0);
  await rejectsWith(
    () => runSimmCli(args(ORE, "--calibration-dir", "mem/callink"), memIo({}, links).io),
    /^--calibration-dir/,
  );
  await rejectsWith(
    () => runSimmCli(args(ORE, "--currency", "EUR", "--fx", "mem/fxlink.csv"), memIo({}, links).io),
    /^--fx "mem\/fxlink\.csv": is reached through a symbolic link/,
  );
  // a link higher up (the out folder's parent) is found too, before anything is created
  const parent = memIo({}, { "mem/p": "/tmp/p" });
  await assert.rejects(() => runSimmCli([...args(ORE).slice(0, -2), "--out", "mem/p/a/b"], parent.io), /its folder/);
});

Deno.test("cli: positional arguments, unknown options and missing required ones are errors; --help is exit 0", async () => {
  await assert.rejects(() => runSimmCli(["x.csv"], memIo().io), TypeError);
  await assert.rejects(() => runSimmCli(["--crif", ORE, "--foo"], memIo().io), TypeError);
  await assert.rejects(() => runSimmCli(["--crif", ORE, "--version", "2.6"], memIo().io), /--mpor must be 10 or 1/);
  const m = memIo();
  assert.equal(await runSimmCli(["--help"], m.io), 0);
  assert.ok(m.out[0].startsWith("Usage"));
});
