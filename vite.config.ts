// Vite builds the storefront widget into the theme extension's assets; Vitest runs every test.
import preact from '@preact/preset-vite';
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
        'track-order-widget': 'src/widget/main.tsx',
        'track-order': 'src/widget/styles.css',
      },
      // The widget chunk's exports are its interface with the loader.
      preserveEntrySignatures: 'exports-only',
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
