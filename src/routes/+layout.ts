// Every page is prerendered to static HTML; data is fetched client-side from /data.
export const prerender = true;
export const trailingSlash = 'always';
