import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Integration tests parse real catalogues and write Parquet: give them room on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
});
