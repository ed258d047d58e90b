// Bundles the pages' small client scripts (src/web/client/*.ts) with esbuild and copies the one
// stylesheet, into dist/web/assets: what /assets/* serves. Run by `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = path.join(root, 'src/web/client');
const outDir = path.join(root, 'dist/web/assets');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

// Entry points are the files directly in client/; shared helpers live in client/lib/.
const entryPoints = fs
  .readdirSync(clientDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => path.join(clientDir, file));
await build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'src/web/style/gatehouse.css'), path.join(outDir, 'gatehouse.css'));
