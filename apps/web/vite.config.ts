import { defineConfig } from 'vite';
import type { ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

const target = process.env['PORTICO_API_URL'] ?? 'http://127.0.0.1:3000';
/**
 * Keep the browser's Host header: the API's CSRF check compares Origin with Host, and Vite's
 * string shorthand would rewrite Host to the target's (`changeOrigin: true`).
 */
const api: ProxyOptions = { target, changeOrigin: false };
const proxy = { '/api': api, '/healthz': api, '/readyz': api };

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
