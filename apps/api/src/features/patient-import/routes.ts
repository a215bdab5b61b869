import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { importPreview, importSummary, uuid } from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { maxCsvBytes } from './csv-file.ts';
import type { Upload } from './service.ts';

const idParams = z.strictObject({ id: uuid });
const tags = ['patient-import'];

const tooLarge = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${maxCsvBytes / 1024 / 1024} MB. Split it into smaller files and import them one at a time.`,
  );

/** Reads the one file part of a multipart upload, refusing more than `maxCsvBytes`. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  const part = await request.file({ limits: { fileSize: maxCsvBytes, files: 1 } });
  if (!part)
    throw validation('Attach a CSV file of patients.', [
      { path: 'file', message: 'Attach a CSV file of patients.' },
    ]);
  try {
    return { fileName: part.filename, bytes: await part.toBuffer() };
  } catch (error) {
    if (error instanceof request.server.multipartErrors.RequestFileTooLargeError) throw tooLarge();
    throw error;
  }
}

export function patientImportRoutes(app: AppContext): FastifyPluginAsyncZod {
  const imports = app.services.patientImport;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.post(
      '/api/practice/patient-imports',
      {
        ...guarded,
        schema: {
          tags,
          summary:
            'Upload a CSV of patients (multipart, field "file", at most 10 MB) and preview it; nothing is imported yet',
          consumes: ['multipart/form-data'],
          response: { 201: importPreview },
        },
      },
      async (request, reply) => {
        const preview = await imports.preview(staffOf(request), () => readUpload(request));
        return reply.status(201).send(preview);
      },
    );

    fastify.get(
      '/api/practice/patient-imports',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'The latest 20 imports',
          response: { 200: z.object({ items: z.array(importSummary) }) },
        },
      },
      async (request) => imports.list(staffOf(request)),
    );

    fastify.get(
      '/api/practice/patient-imports/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'An import: preview, errors and live progress',
          params: idParams,
          response: { 200: importPreview },
        },
      },
      async (request) => imports.get(staffOf(request), request.params.id),
    );

    fastify.post(
      '/api/practice/patient-imports/:id/commit',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Import the valid rows (in the background)',
          params: idParams,
          response: { 202: importSummary },
        },
      },
      async (request, reply) => {
        const summary = await imports.commit(staffOf(request), request.params.id);
        return reply.status(202).send(summary);
      },
    );

    fastify.post(
      '/api/practice/patient-imports/:id/cancel',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Stop an import (rows already imported stay)',
          params: idParams,
          response: { 200: importSummary },
        },
      },
      async (request) => imports.cancel(staffOf(request), request.params.id),
    );
  };
}
