import assert from "node:assert/strict";
import fc from "fast-check";
import { classificationMetrics } from "./classification_metrics.ts";

const labels = (n: number) => fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n });

Deno.test("classificationMetrics: the confusion matrix counts every row; accuracy is its trace share; F1 in [0, 1]", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }).chain((n) => fc.tuple(labels(n), labels(n))), ([a, b]) => {
      const y = Int8Array.from(a), p = Int8Array.from(b);
      const c = classificationMetrics(y, p);
      assert.equal(c.confusion.flat().reduce((s, v) => s + v, 0), y.length);
      assert.equal(c.accuracy, (c.confusion[0][0] + c.confusion[1][1] + c.confusion[2][2]) / y.length);
      assert.ok(c.macroF1 >= 0 && c.macroF1 <= 1);
      assert.equal(classificationMetrics(y, y).macroF1, 1); // a perfect classifier
    }),
  );
});

Deno.test("classificationMetrics: classes never realised are left out of macro-F1; bad input is rejected", () => {
  // realised only class 1; predicting 1 everywhere is perfect even though classes 0 and 2 never occur
  assert.equal(classificationMetrics(Int8Array.of(1, 1, 1), Int8Array.of(1, 1, 1)).macroF1, 1);
  // class 0: tp 2, fp 1, fn 0 → F1 0.8; class 2 never predicted → F1 0; macro-F1 = 0.4
  assert.equal(classificationMetrics(Int8Array.of(0, 0, 2), Int8Array.of(0, 0, 0)).macroF1, 0.4);
  assert.throws(() => classificationMetrics(Int8Array.of(0), Int8Array.of(0, 1)), /same non-zero length/);
  assert.throws(() => classificationMetrics(Int8Array.of(3), Int8Array.of(0)), /row 0 has y=3/);
});
