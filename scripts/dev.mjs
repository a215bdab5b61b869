#!/usr/bin/env node
// `npm run dev`: the API with reload on change (tsx watch, port 3000) and the web app through
// Vite's dev server with hot reload (port 5173, proxying /api to the API).
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'apps/api/src/main.ts'], {
    stdio: 'inherit',
  }),
  spawn('npx', ['vite', '--port', '5173'], { stdio: 'inherit', cwd: 'apps/web' }),
];
console.log('\n  Dev mode: open http://localhost:5173 (API on http://127.0.0.1:3000)\n');
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && code !== 0 && stop());
