/**
 * The page the explorer serves: one HTML shell naming its script and style sheet on this
 * server (with the session token, since nothing is answered without it), both bundled at
 * build time (dist/explore/page/app.js, app.css), or bundled in memory when edra runs from
 * its TypeScript sources. Nothing comes from anywhere else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage, type PageBundle } from './pageBundle.js';

export interface PageAssets extends PageBundle {
  /** The HTML shell for a session token. */
  html(token: string): string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built bundle beside this module, or (running from sources) a fresh one. */
export async function loadPageAssets(): Promise<PageAssets> {
  const built = path.join(here, 'page', 'app.js');
  let bundle: PageBundle;
  if (fs.existsSync(built)) {
    bundle = { js: fs.readFileSync(built, 'utf8'), css: fs.readFileSync(path.join(here, 'page', 'app.css'), 'utf8') };
  } else if (import.meta.url.endsWith('.ts')) {
    bundle = await bundlePage();
  } else {
    throw new Error(`the explorer's page is missing (${built}): run npm run build`);
  }
  return { ...bundle, html: (token) => shell(token) };
}

/** The HTML shell: the token (URL-safe base64) goes into the asset URLs only. */
function shell(token: string): string {
  const t = encodeURIComponent(token);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>edra explore</title>
<link rel="stylesheet" href="/app.css?token=${t}">
<script type="module" src="/app.js?token=${t}"></script>
</head>
<body>
<noscript>edra explore needs JavaScript.</noscript>
<div id="app"><p class="loading">loading…</p></div>
</body>
</html>
`;
}
