/**
 * Chooses the query embedder's device before any ONNX session exists. Asking for an adapter
 * first matters: once a WebGPU session has failed to start, a WASM session in the same page
 * (same ORT instance) fails too, so "try WebGPU, catch, fall back" is not an option in-page.
 * A software fallback adapter (SwiftShader, what Chromium offers without a usable GPU) counts
 * as none: measured here it embeds a query in ~3 s against ~20 ms for WASM.
 */

export type ModelDevice = 'webgpu' | 'wasm';

export interface ProbeResult {
  device: ModelDevice;
  /** Why: shown on the diagnostics page and recorded by the tests/bench. */
  reason: string;
  /** Adapter description when one was found (vendor, architecture; "fallback" = software). */
  adapter?: string;
}

/** The slice of the WebGPU API the probe touches (so tests can pass a fake). */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}
export interface AdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** requestAdapter() can hang on broken drivers; past this the page uses WASM. */
export const PROBE_TIMEOUT_MS = 3000;

export async function probeDevice(
  gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu,
  timeoutMs = PROBE_TIMEOUT_MS
): Promise<ProbeResult> {
  if (!gpu || typeof gpu.requestAdapter !== 'function') {
    return { device: 'wasm', reason: 'WebGPU is not available in this browser' };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    // Same power preference transformers.js asks ORT for, so the probe sees the adapter ORT gets.
    const adapter = await Promise.race([gpu.requestAdapter({ powerPreference: 'high-performance' }), timeout]);
    if (adapter === 'timeout') return { device: 'wasm', reason: `no WebGPU adapter answered within ${timeoutMs} ms` };
    if (!adapter) return { device: 'wasm', reason: 'WebGPU is present but no adapter was found' };
    const desc = describeAdapter(adapter);
    if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) {
      return { device: 'wasm', reason: `only a software WebGPU adapter (${desc}), slower than WASM`, adapter: desc };
    }
    return { device: 'webgpu', reason: `WebGPU adapter found (${desc})`, adapter: desc };
  } catch (e) {
    return { device: 'wasm', reason: `WebGPU adapter request failed: ${(e as Error)?.message ?? String(e)}` };
  } finally {
    clearTimeout(timer);
  }
}

function describeAdapter(a: AdapterLike): string {
  const i = a.info ?? {};
  const parts = [i.vendor, i.architecture, i.description].filter((s) => s && s.length);
  return parts.length ? parts.join(', ') : 'no details';
}
