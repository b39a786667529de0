// Vite builds the storefront widget into the theme extension's assets; Vitest runs every test.
import preact from '@preact/preset-vite';
import { minify, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Vitest's reporter calls Map.groupBy (Node 21+) when it prints a failure; on Node 20 it would
// crash and hide the failure itself.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
const MapWithGroupBy = Map as unknown as { groupBy?: GroupBy };
if (!MapWithGroupBy.groupBy) {
  MapWithGroupBy.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

// Preact's internal fields (`__k`, `__e`, …) and the widget's own `_private` members never leave the
// widget chunk, so the build may shorten them. Rolldown's mangleProps only works on a single-chunk
// build, so the widget chunk is minified again on its own once Vite has written it.
const PRIVATE_PROPS = /^(__[a-zA-Z]?|_[a-z]\w*)$/;
const WIDGET_CHUNK = 'track-order-widget';

const shortenPrivateProps: Plugin = {
  name: 'shorten-private-props',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || chunk.name !== WIDGET_CHUNK) continue;
      const result = await minify(chunk.fileName, chunk.code, {
        module: true,
        compress: { target: 'es2022' },
        mangle: { toplevel: true },
        mangleProps: { include: PRIVATE_PROPS },
      });
      if (result.errors.length > 0) this.error(result.errors.map((e) => e.message).join('\n'));
      chunk.code = result.code;
    }
  },
};

export default defineConfig({
  plugins: [preact()],
  build: {
    // Shopify serves extension assets flat from assets/, under the names the block uses.
    outDir: 'theme-extension/assets',
    emptyOutDir: true,
    assetsDir: '',
    target: 'es2022',
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        'track-order-loader': 'src/widget/loader.ts',
        [WIDGET_CHUNK]: 'src/widget/main.tsx',
        'track-order': 'src/widget/styles.css',
      },
      // The widget chunk's exports are its interface with the loader.
      preserveEntrySignatures: 'exports-only',
      plugins: [shortenPrivateProps],
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
