import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The dev server injects React Refresh's preamble as an inline <script>, which the strict CSP in
 * index.html (script-src 'self') would block. Only `vite` (serve) drops the meta tag; `vite build`
 * keeps it, and browser mode also sends the same policy as a header.
 */
const relaxCspForDevServer = (): Plugin => ({
  name: 'sourcebook:relax-csp-for-dev-server',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
});

export default defineConfig({
  root: path.join(root, 'renderer'),
  // Relative asset URLs, so the same build loads over http:// (browser mode), a custom protocol or file:// (Electron).
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Chromium (and Electron's) support modulepreload natively; the polyfill would be an extra script.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
