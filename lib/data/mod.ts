/**
 * Data layer: vendored CSV loading, checksum verification, validation and
 * alignment into a daily Panel. One of the `lib/` folders that read files
 * (docs/architecture.md §4).
 * @module
 */
export * from "./csv.ts";
export * from "./dates.ts";
export * from "./checksums.ts";
export * from "./series.ts";
export * from "./sources.ts";
export * from "./align.ts";
export * from "./panel.ts";
export * from "./panel_io.ts";
export * from "./load.ts";
export * from "./cme_margins.ts";
export * from "./panel_until.ts";
export * from "./read_crude_panel.ts";
export * from "./month_end_rows.ts";
export * from "./rows_between.ts";
