/**
 * One place that initialises tfjs with the WebAssembly backend (SIMD, single
 * thread — fast and bit-deterministic) under Deno. The .wasm binaries are read
 * from `node_modules/@tensorflow/tfjs-backend-wasm/dist/` of the workspace
 * (`"nodeModulesDir": "auto"` in deno.json puts them there).
 *
 * The registered tfjs backend is process-global state; {@link ensureBackend}
 * is idempotent and every tfjs-based model awaits it in `fit`/load.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** The tfjs namespace used by the models (re-exported so that every module shares one instance). */
export { tf };

const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];

/** Default folder of the tfjs wasm binaries, relative to this module. */
export const DEFAULT_WASM_DIR: string = new URL(
  "../../node_modules/@tensorflow/tfjs-backend-wasm/dist/",
  import.meta.url,
).pathname;

let ready: Promise<void> | undefined;

/**
 * Make sure tfjs runs on the wasm backend (single-threaded). Idempotent: the
 * first call initialises, later calls return the same promise.
 *
 * @param wasmDir folder holding the `tfjs-backend-wasm*.wasm` files (default: the workspace node_modules)
 * @throws {Error} naming the folder when the .wasm files are missing (run `deno install` in the repo root)
 * @example
 * ```ts
 * await ensureBackend();
 * console.assert(tf.getBackend() === "wasm");
 * ```
 */
export function ensureBackend(wasmDir: string = DEFAULT_WASM_DIR): Promise<void> {
  if (ready === undefined) {
    ready = init(wasmDir).catch((e) => {
      ready = undefined;
      throw e;
    });
  }
  return ready;
}

/**
 * Check that the tfjs wasm binaries are in `wasmDir` (what {@link ensureBackend} does first).
 *
 * @returns the folder with a trailing slash
 * @throws {Error} naming the missing file and how to fix it
 * @example
 * ```ts
 * assertWasmFiles(DEFAULT_WASM_DIR);
 * ```
 */
export function assertWasmFiles(wasmDir: string): string {
  const dir = wasmDir.endsWith("/") ? wasmDir : wasmDir + "/";
  for (const f of WASM_FILES.slice(0, 2)) {
    try {
      Deno.statSync(dir + f);
    } catch (e) {
      throw new Error(
        `ensureBackend: tfjs wasm binary ${dir + f} not found (${(e as Error).name}); ` +
          `run \`deno install\` in the repository root (deno.json has "nodeModulesDir": "auto") ` +
          `and grant --allow-read to it`,
      );
    }
  }
  return dir;
}

async function init(wasmDir: string): Promise<void> {
  const dir = assertWasmFiles(wasmDir);
  // Single thread: deterministic, and the project runs parallel seeds in separate processes.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setWasmPaths(dir);
  const ok = await tf.setBackend("wasm");
  if (!ok || tf.getBackend() !== "wasm") {
    throw new Error(`ensureBackend: tfjs could not start the wasm backend from ${dir}`);
  }
  await tf.ready();
}

/** The slice of the tfjs wasm backend {@link wasmHeapView} uses. */
interface WasmBackendView {
  typedArrayFromHeap(t: { shape: number[]; dtype: string; dataId: object }): Float32Array;
}

/**
 * A zero-copy `Float32Array` view of a float32 tensor's values on the wasm heap (undefined on another backend or
 * dtype). The view is valid until the next tfjs allocation (the heap may grow and detach it): read or write it at
 * once. Read-only in practice: the wasm backend caches packed matrix-product weights per tensor, so writing a
 * tensor's values in place can leave such a cache stale.
 *
 * @example
 * ```ts
 * await ensureBackend();
 * const t = tf.tensor1d([1, 2, 3]);
 * wasmHeapView(t)?.[1]; // 2
 * ```
 */
export function wasmHeapView(t: tf.Tensor): Float32Array | undefined {
  if (t.dtype !== "float32" || tf.getBackend() !== "wasm") return undefined;
  const backend = tf.backend() as unknown as WasmBackendView;
  return backend.typedArrayFromHeap({ shape: t.shape, dtype: t.dtype, dataId: t.dataId });
}
