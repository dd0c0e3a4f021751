import assert from "node:assert/strict";
import { loadPositionPanel, POSITION_PANEL_SOURCES, TREASURY_CURVE_SOURCES } from "./position_panel_sources.ts";
import { CRUDE_SOURCES } from "./sources.ts";

Deno.test("position panel sources: the crude panel's series first, then the Treasury curve's, unique columns", () => {
  assert.deepEqual(POSITION_PANEL_SOURCES.slice(0, CRUDE_SOURCES.length), [...CRUDE_SOURCES]);
  const cols = POSITION_PANEL_SOURCES.map((s) => s.spec.column);
  assert.equal(new Set(cols).size, cols.length);
  assert.deepEqual(TREASURY_CURVE_SOURCES.map((s) => s.spec.valueCol), ["DGS1", "DGS5", "DGS20", "DGS30"]);
});

// Uses the vendored files under data/raw (read-only).
Deno.test("loadPositionPanel: real vendored data, the Treasury curve aligned on the crude calendar", async () => {
  const { panel, report } = await loadPositionPanel(".");
  const n = panel.dates.length;
  for (const c of ["ust1y", "ust2y", "ust5y", "ust10y", "ust20y", "ust30y", "cl4", "hh_spot"]) {
    assert.equal(panel.columns[c].length, n, c);
  }
  // FRED's yields end 2026-02-20: NaN after, never filled past the end
  const end = panel.dates.indexOf("2026-02-20");
  assert.ok(end > 0 && panel.columns.ust30y[end] === 4.72 && Number.isNaN(panel.columns.ust30y[end + 1]));
  assert.equal(panel.fill.ust30y.last, "2026-02-20");
  assert.ok(panel.fill.ust30y.longestRun <= 5);
  assert.ok(report.knownPoints.some((k) => k.column === "ust30y" && k.date === "1987-01-01"));
  // identical file, one checksum: the crude panel's 10 files
  assert.equal(report.files.length, 10);
});
