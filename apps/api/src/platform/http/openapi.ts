import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3 generated from the Zod contracts, grouped by slice tag; docs page at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Portico API',
        version: '0.1.0',
        description: 'Patient portal and practice console API.',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'practices', description: 'Public practice information' },
        { name: 'staff-auth', description: 'Practice console sign-in and sessions' },
        { name: 'patients', description: 'Chart records' },
        { name: 'invitations', description: 'Portal invitations and their templates' },
        { name: 'registration', description: 'Patient registration from an invitation link' },
        { name: 'portal-auth', description: 'Patient sign-in, password reset and sessions' },
        { name: 'mfa', description: 'Second factors: authenticator apps, text codes, passkeys' },
        { name: 'directory', description: 'Providers and locations' },
        { name: 'patient-import', description: 'CSV import of patients' },
        { name: 'audit-log', description: 'Audit trail search' },
        { name: 'dev-mailbox', description: 'Messages delivered in the embedded demo' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
}
