import { base } from '$app/paths';

/** URL of a build artifact served by the site itself (under the GitHub Pages base path). */
export function dataUrl(name: string): string {
  return `${base}/data/${name}`;
}
