/**
 * `npm run build`'s second step: bundles edra explore's page (src/explore/page, TypeScript and
 * d3) with esbuild into dist/explore/page/app.js and app.css, which the installed CLI serves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundlePage } from '../src/explore/pageBundle.js';

const out = path.resolve(import.meta.dirname, '..', 'dist', 'explore', 'page');
const { js, css } = await bundlePage();
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'app.js'), js);
fs.writeFileSync(path.join(out, 'app.css'), css);
process.stdout.write(`explore page: ${path.relative(process.cwd(), out)}/app.js (${Math.round(js.length / 1024)} KiB), app.css (${Math.round(css.length / 1024)} KiB)\n`);
