/**
 * The contract of a network trained on the host (`trainLoop`'s `hostLoss`): loss and gradients of every trained
 * weight from the current float32 weights, computed in float32 so that training matches tfjs autodiff of the
 * same network: bit for bit for {@link DenseStackHost} (MLPs), to float32 rounding for {@link LstmHeadHost} (an
 * LSTM's last state through a dense head, whose cell runs on `lstm_wasm.ts`'s SIMD exp / logistic / tanh).
 * @module
 */
import { type DenseLayerShape, DenseStackHost } from "./dense_stack_host.ts";
import { LstmWasm } from "./lstm_wasm.ts";
import { Scratch } from "./scratch.ts";
import type { OutputLoss } from "./host_loss_op.ts";

/** A network trained on the host. */
export interface HostNetwork {
  /**
   * Loss and gradients (in the order of the weights) for the inputs `x` of `rows` batch rows (row-major, the
   * network's input shape per row).
   */
  lossAndGrads(
    x: Float32Array,
    rows: number,
    weights: readonly Float32Array[],
    loss: OutputLoss,
  ): { loss: number; grads: Float32Array[] };
  /**
   * The network's outputs (`[rows, outputs]`, row-major) for prediction: bit for bit what the tfjs model's
   * `predict` gives with the same weights, without a tfjs kernel (used for the validation score during training).
   * The array may be a work array, valid until the next call.
   */
  outputs?(x: Float32Array, rows: number, weights: readonly Float32Array[]): Float32Array;
}

/**
 * An LSTM over windows `[rows, L, d]` (weights kernel, recurrent kernel, bias) whose last hidden state feeds a
 * dense stack (its weights follow): the host form of `Sequential([Lstm, Linear, …])`. The gradients returned are
 * work arrays reused by the next call.
 *
 * @example
 * ```ts
 * const net = new LstmHeadHost({ L: 2, d: 1, units: 1 }, [{ inputs: 1, units: 1, relu: false }]);
 * const w = [Float32Array.of(1, 1, 1, 1), new Float32Array(4), new Float32Array(4), Float32Array.of(1), Float32Array.of(0)];
 * const { grads } = net.lossAndGrads(Float32Array.of(1, 1), 1, w, (z) => ({ loss: z[0], dz: Float32Array.of(1) }));
 * grads.length; // 5
 * ```
 */
export class LstmHeadHost implements HostNetwork {
  private readonly head: DenseStackHost;
  private readonly scratch = new Scratch();
  private readonly kernels = new LstmWasm();

  /** @throws {RangeError} when the head's input width is not `units` */
  constructor(private readonly lstm: { L: number; d: number; units: number }, head: readonly DenseLayerShape[]) {
    if (head[0]?.inputs !== lstm.units) {
      throw new RangeError(`LstmHeadHost: the head takes ${head[0]?.inputs} inputs, the LSTM has ${lstm.units} units`);
    }
    this.head = new DenseStackHost(head);
  }

  outputs(x: Float32Array, rows: number, weights: readonly Float32Array[]): Float32Array {
    const { L, d } = this.lstm;
    const [w, u, bias] = weights;
    const hL = this.kernels.forward(x.subarray(0, rows * L * d), { b: rows, ...this.lstm }, w, u, bias);
    return this.head.forward(hL, rows, weights.slice(3));
  }

  lossAndGrads(
    x: Float32Array,
    rows: number,
    weights: readonly Float32Array[],
    loss: OutputLoss,
  ): { loss: number; grads: Float32Array[] } {
    const shape = { b: rows, ...this.lstm };
    const [w, u, bias] = weights;
    const { units, d } = this.lstm, G = 4 * units, buf = (name: string, n: number) => this.scratch.get(name, n);
    const hL = this.kernels.forward(x.subarray(0, rows * this.lstm.L * d), shape, w, u, bias, buf("hL", rows * units));
    const head = this.head.backward(hL, rows, weights.slice(3), loss, true);
    const g = this.kernels.backward(head.dx!, false, {
      dw: buf("dw", d * G),
      du: buf("du", units * G),
      db: buf("db", G),
    });
    return { loss: head.loss, grads: [g.dw, g.du, g.db, ...head.grads] };
  }
}
