import { resolve } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // onnxruntime-web's default entry points carry `new URL('*.wasm', import.meta.url)`, which Vite
  // would copy into _app/ (27 MB, never fetched: the model worker loads <base>/ort/ staged by
  // build-scripts/site/stage-model.ts). Its "extern wasm" entry points carry no such reference.
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Integration tests parse real catalogues and write Parquet: give them room on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser tests poll the page for what it draws after DuckDB answers; on a loaded 2-core
    // CI machine that can take longer than vitest's 1 s default.
    expect: { poll: { timeout: 15_000 } },
    // Real datasets for the integration tests and benches: beside the project unless named.
    env: { CINEATLAS_DATA_DIR: process.env.CINEATLAS_DATA_DIR ?? resolve(import.meta.dirname, '../shared/data') }
  }
});
