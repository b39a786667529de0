// Builds the storefront assets, then reports raw, gzip and brotli bytes against the budgets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const assets = join(root, 'theme-extension', 'assets');
const LOADER = 'track-order-loader.js';
const isRecommendations = (file: string) => file.includes('recommend');

interface Sizes {
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * Budgets: Theme Check's raw limit for the block script, gzip (level 9) for the rest. `widget` is
 * every storefront script but the loader and the lazily loaded recommendations chunk (a file
 * named `*recommend*`): 8,000 B, the design's aim (the proxy draws the timeline, so the chunk
 * carries no result components).
 */
const BUDGETS = [
  { part: 'loader', measure: 'raw', limit: 10_000 },
  { part: 'widget', measure: 'gzip', limit: 8_000 },
  { part: 'css', measure: 'gzip', limit: 2_500 },
] as const;

function measure(files: string[]): Sizes {
  const sizes: Sizes = { files, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = readFileSync(join(assets, file));
    sizes.raw += bytes.length;
    sizes.gzip += gzipSync(bytes, { level: 9 }).length;
    sizes.brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length;
  }
  return sizes;
}

await build({ root, logLevel: 'warn' });

const files = readdirSync(assets);
const report = {
  loader: measure(files.filter((f) => f === LOADER)),
  widget: measure(files.filter((f) => f.endsWith('.js') && f !== LOADER && !isRecommendations(f))),
  recommendations: measure(files.filter((f) => f.endsWith('.js') && isRecommendations(f))),
  css: measure(files.filter((f) => f.endsWith('.css'))),
};
const over = BUDGETS.filter((b) => report[b.part][b.measure] > b.limit).map(
  (b) => `${b.part} ${b.measure} ${report[b.part][b.measure]} B > ${b.limit} B`,
);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ...report, budgets: BUDGETS, over }));
} else {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(`${'part'.padEnd(16)}${pad('raw', 9)}${pad('gzip', 9)}${pad('brotli', 9)}  files`);
  for (const [part, s] of Object.entries(report)) {
    console.log(
      `${part.padEnd(16)}${pad(s.raw, 9)}${pad(s.gzip, 9)}${pad(s.brotli, 9)}  ${s.files.join(', ')}`,
    );
  }
  for (const b of BUDGETS) console.log(`budget: ${b.part} ${b.measure} <= ${b.limit} B`);
  for (const line of over) console.error(`OVER BUDGET: ${line}`);
}
process.exitCode = over.length > 0 ? 1 : 0;
