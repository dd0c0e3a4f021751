import assert from "node:assert/strict";
import { attributionHistory } from "./attribution_history.ts";
import { deskAttribution } from "./desk_attribution.ts";
import { createMatrix } from "../margin/matrix.ts";

const opts = {
  unitIds: ["A", "B"],
  tau: 0.99,
  marginalEps: 1e-4,
  eulerEsTol: 1e-9,
  shapleyTol: 1e-9,
  label: "t",
};
const month = (k: number, hedge: number) => {
  const data = Array.from(
    { length: 400 },
    (_, i) => (i < 200 ? 1000 * Math.sin(i * k) : hedge * 1000 * Math.sin((i - 200) * k)),
  );
  return { asOf: `2020-0${k}-28`, ...deskAttribution(createMatrix(2, 200, data), opts) };
};

Deno.test("attributionHistory: counts the months with a negative allocation and rounds the series to cents", () => {
  const hist = [month(1, -0.5), month(2, 0.5), month(3, -0.5)];
  const h = attributionHistory(hist, ["A", "B"]);
  assert.deepEqual([h.summary.from, h.summary.to, h.summary.months], ["2020-01-28", "2020-03-28", 3]);
  assert.equal(h.summary.es.negativeEulerMonths.B, hist.filter((a) => a.es.euler.B < 0).length);
  assert.equal(h.summary.es.negativeEulerMonths.A, 0);
  assert.equal(h.summary.es.minEuler.B, Math.min(...hist.map((a) => a.es.euler.B)));
  assert.equal(h.summary.var.maxTotal, Math.max(...hist.map((a) => a.var.total)));
  assert.deepEqual(h.series.dates, hist.map((a) => a.asOf));
  for (const v of h.series.es.shapley.B) assert.equal(Math.round(v * 100) / 100, v);
  assert.throws(() => attributionHistory([], ["A"]), /no month ends/);
});
