// Vite builds the embedded admin page's bundle into dist/admin/ (served at /admin-assets/*).
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact()],
  base: '/admin-assets/',
  build: {
    outDir: 'dist/admin',
    emptyOutDir: true,
    assetsDir: '',
    target: 'es2022',
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: {
      // The stylesheet is its own entry: the app home links `admin.css` beside `admin.js`.
      input: { admin: 'src/admin/main.tsx', 'admin-style': 'src/admin/styles.css' },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: (info) =>
          info.names?.[0]?.endsWith('.css') ? 'admin.css' : '[name][extname]',
      },
    },
  },
});
