import { describe, expect, it } from 'vitest';
import { probeDevice, type AdapterLike, type GpuLike } from '../../../src/lib/model/probe';

const gpu = (answer: () => Promise<AdapterLike | null>): GpuLike => ({ requestAdapter: answer });
const hardware: AdapterLike = { info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false } };

describe('probeDevice', () => {
  it('uses WebGPU when a hardware adapter exists, and names it', async () => {
    const r = await probeDevice(gpu(async () => hardware));
    expect(r).toEqual({ device: 'webgpu', reason: 'WebGPU adapter found (nvidia, ampere)', adapter: 'nvidia, ampere' });
  });

  it('asks for the high-performance adapter, as ORT will', async () => {
    let asked: unknown;
    await probeDevice({ requestAdapter: async (o) => ((asked = o), hardware) });
    expect(asked).toEqual({ powerPreference: 'high-performance' });
  });

  it('falls back to WASM without navigator.gpu', async () => {
    expect(await probeDevice(undefined)).toEqual({ device: 'wasm', reason: 'WebGPU is not available in this browser' });
    expect((await probeDevice({} as GpuLike)).device).toBe('wasm');
  });

  it('falls back to WASM when no adapter is found', async () => {
    expect(await probeDevice(gpu(async () => null))).toMatchObject({ device: 'wasm', reason: expect.stringContaining('no adapter') });
  });

  it('falls back to WASM when requestAdapter throws, keeping the message', async () => {
    const r = await probeDevice(gpu(async () => { throw new Error('GPU process crashed'); }));
    expect(r).toEqual({ device: 'wasm', reason: 'WebGPU adapter request failed: GPU process crashed' });
  });

  it('falls back to WASM when requestAdapter never answers', async () => {
    const r = await probeDevice(gpu(() => new Promise(() => {})), 20);
    expect(r).toEqual({ device: 'wasm', reason: 'no WebGPU adapter answered within 20 ms' });
  });

  it('treats a software fallback adapter (SwiftShader) as no GPU, but reports it', async () => {
    const swiftshader = { info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } };
    const r = await probeDevice(gpu(async () => swiftshader));
    expect(r.device).toBe('wasm');
    expect(r.adapter).toBe('google, swiftshader');
    expect(r.reason).toContain('software WebGPU adapter');
    // Older Chromium put the flag on the adapter itself.
    expect((await probeDevice(gpu(async () => ({ isFallbackAdapter: true })))).device).toBe('wasm');
  });

  it('describes an adapter without info', async () => {
    expect(await probeDevice(gpu(async () => ({})))).toMatchObject({ device: 'webgpu', adapter: 'no details' });
  });
});
