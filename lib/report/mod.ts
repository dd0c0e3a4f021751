/**
 * Reporting: figure rendering (Vega-Lite → SVG → PNG), figure building from committed metrics, metric bindings,
 * Markdown → Typst/HTML and the paper build. The one `lib/` folder besides `lib/data` and `lib/pipeline` that writes
 * files (docs/architecture.md §4).
 * @module
 */
export * from "./render.ts";
export * from "./bindings.ts";
export * from "./bibtex.ts";
export * from "./markdown.ts";
export * from "./paper_structure.ts";
export * from "./paper_check.ts";
export * from "./write_report_file.ts";
export * from "./build_figures.ts";
export * from "./build_paper.ts";
export * from "./provenance.ts";
