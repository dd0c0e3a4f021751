import assert from "node:assert/strict";
import { loadCrudePanel } from "./load.ts";

// Uses the vendored files under data/raw (read-only).
Deno.test("loadCrudePanel: real vendored data load into an aligned panel with recorded fills", async () => {
  const { panel, report } = await loadCrudePanel(".");
  const n = panel.dates.length;
  assert.ok(n > 10_000);
  for (let i = 1; i < n; i++) assert.ok(panel.dates[i] > panel.dates[i - 1]);
  for (const c of ["wti_spot", "brent_spot", "hh_spot", "cl1", "cl2", "cl3", "cl4", "ovx", "vix", "skew", "ust10y"]) {
    assert.equal(panel.columns[c].length, n, c);
    assert.ok(panel.fill[c].filled >= 0);
  }
  const i = panel.dates.indexOf("2020-04-20");
  assert.equal(panel.columns.cl1[i], -37.63);
  assert.equal(panel.columns.wti_spot[i], -36.98);
  // cl1 ends 2022-02-15: NaN after, never filled past the end.
  const j = panel.dates.indexOf("2022-02-16");
  assert.ok(j > 0 && Number.isNaN(panel.columns.cl1[j]));
  // OVX starts 2007-05-10.
  assert.ok(Number.isNaN(panel.columns.ovx[panel.dates.indexOf("2007-05-09")]));
  assert.ok(report.knownPoints.some((k) => k.column === "cl1" && k.date === "2020-04-20"));
  assert.equal(report.files.length, 10);
});

Deno.test("loadCrudePanel: an edited data file is an error naming it", async () => {
  await Deno.mkdir(".cache/tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: ".cache/tmp" });
  try {
    await Deno.mkdir(`${dir}/data/raw/eia-oil`, { recursive: true });
    await Deno.copyFile("data/raw/SHA256SUMS", `${dir}/data/raw/SHA256SUMS`);
    const text = await Deno.readTextFile("data/raw/eia-oil/wti-daily.csv");
    await Deno.writeTextFile(`${dir}/data/raw/eia-oil/wti-daily.csv`, text.replace("1986-01-03,26", "1986-01-03,27"));
    await assert.rejects(() => loadCrudePanel(dir), /data file "data\/raw\/eia-oil\/wti-daily\.csv" was changed/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("panelCalendar: NYMEX sessions while the futures run, then spot business days; holiday rows reported", async () => {
  const { panelCalendar } = await import("./load.ts");
  const { nymexCalendar } = await import("./nymex_calendar.ts");
  // 2018-01-01 is a NYMEX holiday on which EIA repeats the previous settlement; 2017-07-04 only spot carries
  const nymex = nymexCalendar(
    ["2017-07-03", "2017-07-05", "2017-12-29", "2018-01-01", "2018-01-02"],
    [Float64Array.of(20, 21, 60, 60, 61)],
  );
  const cal = panelCalendar(
    nymex,
    ["2017-07-03", "2017-07-04", "2017-07-05", "2018-01-02", "2022-06-17", "2022-06-20", "2022-06-21"],
    "1980-01-01",
    "2030-01-01",
  );
  assert.deepEqual(cal.dates, ["2017-07-03", "2017-07-05", "2017-12-29", "2018-01-02", "2022-06-17", "2022-06-21"]);
  assert.deepEqual(cal.holidayRows.map((r) => `${r.date} ${r.source}`), [
    "2017-07-04 spot",
    "2018-01-01 futures",
    "2022-06-20 spot",
  ]);
  const { panel, report } = await loadCrudePanel(".");
  for (const d of ["2018-01-01", "1989-07-04", "1988-11-24", "2023-06-19"]) assert.ok(!panel.dates.includes(d), d);
  // sessions EIA's spot file lacks but NYMEX traded (early closes, the day after Thanksgiving) are on the calendar
  for (const d of ["2018-12-24", "2018-11-23"]) assert.ok(panel.dates.includes(d), d);
  assert.equal(report.calendar.publicationGaps.length > 0, true);
});
