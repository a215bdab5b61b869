import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPortico, waitReady } from './support/process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts the built product as a user would (`node apps/api/dist/main.js`) on a fresh embedded database with the demo data. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-'));
  const portico = await startPortico({ PORTICO_DATA_DIR: dataDir, DATABASE_URL: '', SMTP_URL: '' });
  await waitReady(portico);
  project.provide('baseUrl', portico.baseUrl);
  return async () => {
    await portico.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
