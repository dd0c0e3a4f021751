/**
 * Forward and backward pass of a stack of dense layers ({@link Linear} with ReLU or no activation) on the host,
 * with the matrix products on {@link WasmGemm}: the same float32 values, bit for bit, as tfjs autodiff through
 * `linear()` on the wasm backend (`∂x = g·Wᵀ`, `∂W = xᵀ·g`, `∂b = Σ_rows g` summed in row order, `g = ∂y ⊙ 1[y > 0]`
 * for ReLU), without a tfjs kernel, tensor or tape per step. `trainLoop`'s host mode uses it for the MLPs.
 * @module
 */
import { WasmGemm } from "./wasm_gemm.ts";
import type { HostNetwork } from "./host_network.ts";
import { Scratch } from "./scratch.ts";

/** One layer of the stack: `y = act(x·W + b)`, `W: [inputs, units]`. */
export interface DenseLayerShape {
  readonly inputs: number;
  readonly units: number;
  readonly relu: boolean;
}

/**
 * Transpose of a row-major `[rows, cols]` matrix into `out` (`[cols, rows]`).
 *
 * @example
 * ```ts
 * transposeInto(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3, new Float32Array(6)); // [1, 4, 2, 5, 3, 6]
 * ```
 */
export function transposeInto(x: Float32Array, rows: number, cols: number, out: Float32Array): Float32Array {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j];
  return out;
}

/**
 * A dense stack's host training pass with its work arrays (reused across batches: the gradients and activations
 * returned by one call are overwritten by the next).
 *
 * @example
 * ```ts
 * const stack = new DenseStackHost([{ inputs: 2, units: 1, relu: false }]);
 * const w = [Float32Array.of(1, -1), Float32Array.of(0.5)];
 * const { loss, grads } = stack.lossAndGrads(Float32Array.of(1, 2), 1, w, (z) => ({ loss: z[0], dz: Float32Array.of(1) }));
 * // loss = 1 − 2 + 0.5 = −0.5; ∂W = [1, 2], ∂b = [1]
 * ```
 */
export class DenseStackHost implements HostNetwork {
  readonly layers: readonly DenseLayerShape[];
  private readonly gemm = new WasmGemm();
  private readonly scratch = new Scratch();

  /** @throws {RangeError} when consecutive layers' widths do not chain */
  constructor(layers: readonly DenseLayerShape[]) {
    for (let l = 1; l < layers.length; l++) {
      if (layers[l].inputs !== layers[l - 1].units) {
        throw new RangeError(
          `DenseStackHost: layer ${l} has ${layers[l].inputs} inputs, layer ${l - 1} has ${layers[l - 1].units} units`,
        );
      }
    }
    if (layers.length === 0) throw new RangeError("DenseStackHost: no layers");
    this.layers = layers;
  }

  /**
   * Outputs `[rows, units of the last layer]` of the stack for inputs `x: [rows, inputs]`; with `trace`, the
   * activations of every layer (input first), computed as tfjs does under a gradient tape (training); without,
   * as tfjs's `predict`.
   */
  forward(x: Float32Array, rows: number, weights: readonly Float32Array[], trace?: Float32Array[]): Float32Array {
    let h = x;
    trace?.push(h);
    this.layers.forEach((s, l) => {
      // Under a gradient tape tfjs does not fuse a ReLU layer's product, bias and activation (bias added last).
      const biasLast = trace !== undefined && s.relu;
      const out = trace === undefined ? new Float32Array(rows * s.units) : this.scratch.get(`y${l}`, rows * s.units);
      h = this.gemm.gemm(h, weights[2 * l], weights[2 * l + 1], rows, s.inputs, s.units, s.relu, out, biasLast);
      trace?.push(h);
    });
    return h;
  }

  /** The stack's outputs for prediction ({@link forward} without a trace: tfjs's `predict`, bit for bit). */
  outputs(x: Float32Array, rows: number, weights: readonly Float32Array[]): Float32Array {
    return this.forward(x, rows, weights);
  }

  /**
   * Loss and gradients (`[∂W₁, ∂b₁, ∂W₂, …]`, the order of the weights) of `loss(z)` for the stack's outputs `z` on
   * inputs `x: [rows, inputs]`; `loss` returns the loss and `∂loss/∂z`.
   */
  lossAndGrads(
    x: Float32Array,
    rows: number,
    weights: readonly Float32Array[],
    loss: (z: Float32Array) => { loss: number; dz: Float32Array },
  ): { loss: number; grads: Float32Array[] } {
    const { loss: value, grads } = this.backward(x, rows, weights, loss, false);
    return { loss: value, grads };
  }

  /**
   * {@link lossAndGrads} that also returns `∂loss/∂x` (`[rows, inputs]`, as tfjs's `g·Wᵀ`) when `withInput`: for a
   * stack that sits on another host layer.
   */
  backward(
    x: Float32Array,
    rows: number,
    weights: readonly Float32Array[],
    loss: (z: Float32Array) => { loss: number; dz: Float32Array },
    withInput: boolean,
  ): { loss: number; grads: Float32Array[]; dx?: Float32Array } {
    const acts: Float32Array[] = [];
    const z = this.forward(x, rows, weights, acts);
    const out = loss(z);
    let g = out.dz;
    const grads: Float32Array[] = new Array(2 * this.layers.length);
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const { inputs, units, relu } = this.layers[l];
      const buf = (name: string, n: number) => this.scratch.get(`${name}${l}`, n);
      if (relu) {
        const y = acts[l + 1], masked = buf("g", rows * units);
        for (let i = 0; i < masked.length; i++) masked[i] = g[i] * (y[i] > 0 ? 1 : 0);
        g = masked;
      }
      // ∂W = xᵀ·g, x read transposed in place
      grads[2 * l] = this.gemm.gemm(
        acts[l],
        g,
        null,
        inputs,
        rows,
        units,
        false,
        buf("dW", inputs * units),
        false,
        true,
      );
      const db = buf("db", units);
      for (let j = 0; j < units; j++) {
        let s = 0;
        for (let i = 0; i < rows; i++) s = Math.fround(s + g[i * units + j]);
        db[j] = s;
      }
      grads[2 * l + 1] = db;
      if (l > 0 || withInput) {
        const wT = transposeInto(weights[2 * l], inputs, units, buf("wT", units * inputs));
        g = this.gemm.gemm(g, wT, null, rows, units, inputs, false, buf("dx", rows * inputs));
      }
    }
    return { loss: out.loss, grads, dx: withInput ? g : undefined };
  }
}
