import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env['PORTICO_API_URL'] ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': apiTarget,
  '/healthz': apiTarget,
  '/readyz': apiTarget,
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
