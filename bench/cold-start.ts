// Cold start to ready on the embedded database, once the data exists (goal ≤ 3 s).
// Usage: npm run build && npx tsx bench/cold-start.ts [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPortico, waitReady } from '../e2e/support/process.ts';
import { median } from './support.ts';

const runs = Number(process.argv[2] ?? '5');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-cold-'));
const env = { PORTICO_DATA_DIR: dataDir, DATABASE_URL: '' };

const first = performance.now();
const seeding = await startPortico(env);
await waitReady(seeding);
const firstMs = performance.now() - first;
await seeding.stop();

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const p = await startPortico(env);
  await waitReady(p);
  times.push(performance.now() - started);
  await p.stop();
}
rmSync(dataDir, { recursive: true, force: true });
console.log(`first start (create + migrate + seed): ${Math.round(firstMs)} ms`);
console.log(
  `cold start to ready, existing data: median ${Math.round(median(times))} ms over ${runs} runs (${times.map((t) => Math.round(t)).join(', ')})`,
);
