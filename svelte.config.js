import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BASE_PATH lets the same build live at the domain root or under a GitHub Pages
// project path such as "/cineatlas" (no trailing slash).
const base = process.env.BASE_PATH ?? '';
// SITE_OUT lets tests build a second copy of the site without touching build/.
const out = process.env.SITE_OUT ?? 'build';
// KIT_OUT_DIR gives concurrent builds (parallel test runs) their own generated-files folder:
// two builds sharing .svelte-kit/output overwrite each other's chunks.
const kitOut = process.env.KIT_OUT_DIR ?? '.svelte-kit';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    outDir: kitOut,
    adapter: adapter({ pages: out, assets: out, fallback: '404.html', strict: true }),
    paths: { base, relative: true },
    prerender: { handleHttpError: 'fail' },
    // Registered by src/lib/offline/register.ts, guarded and hooked to the update prompt.
    serviceWorker: { register: false }
  }
};

export default config;
