import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BASE_PATH lets the same build live at the domain root or under a GitHub Pages
// project path such as "/cineatlas" (no trailing slash).
const base = process.env.BASE_PATH ?? '';
// SITE_OUT lets tests build a second copy of the site without touching build/.
const out = process.env.SITE_OUT ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: '404.html', strict: true }),
    paths: { base, relative: true },
    prerender: { handleHttpError: 'fail' }
  }
};

export default config;
