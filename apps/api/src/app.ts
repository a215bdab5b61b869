import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createAppContext, type AppContext, type AppDeps } from './app-context.ts';
import { loggerOptions } from './platform/logger.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { registerSecurity } from './platform/http/security.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerWebApp } from './platform/http/web-app.ts';
import { healthRoutes } from './features/health/routes.ts';
import { practiceRoutes } from './features/practices/routes.ts';
import { staffAuthRoutes } from './features/staff-auth/routes.ts';
import { patientRoutes } from './features/patients/routes.ts';
import { directoryRoutes } from './features/directory/routes.ts';
import { patientImportRoutes } from './features/patient-import/routes.ts';
import { auditLogRoutes } from './features/audit-log/routes.ts';
import { devMailboxRoutes } from './features/dev-mailbox/routes.ts';
import { invitationRoutes } from './features/invitations/routes.ts';
import { registrationRoutes } from './features/registration/routes.ts';
import { portalAuthRoutes } from './features/portal-accounts/routes.ts';
import { mfaRoutes } from './features/mfa/routes.ts';
import { messagingRoutes } from './features/messaging/routes.ts';
import { portalMessagingRoutes } from './features/messaging/portal-routes.ts';
import { messageTemplateRoutes } from './features/messaging/template-routes.ts';
import { bulkMessageRoutes } from './features/messaging/bulk-routes.ts';

export const jsonBodyLimitBytes = 1024 * 1024;

export interface BuiltApp {
  fastify: FastifyInstance;
  context: AppContext;
}

/** Builds the whole HTTP app from explicit dependencies. Tests build one per database in milliseconds. */
export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean; webDist?: string | null } = {},
): Promise<BuiltApp> {
  const context = createAppContext(deps);
  const fastify = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel),
    bodyLimit: jsonBodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // During a graceful shutdown, a response to a request that was already in flight closes its
  // connection; otherwise a keep-alive client holds the process open until the force timer.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (closing) void reply.header('connection', 'close');
  });

  registerErrorHandler(fastify);
  await registerSecurity(fastify, deps.config);
  await fastify.register(cookie);
  await fastify.register(multipart, {
    limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 },
  });
  await registerOpenApi(fastify);

  for (const routes of [
    healthRoutes,
    practiceRoutes,
    staffAuthRoutes,
    patientRoutes,
    directoryRoutes,
    patientImportRoutes,
    auditLogRoutes,
    devMailboxRoutes,
    invitationRoutes,
    registrationRoutes,
    portalAuthRoutes,
    mfaRoutes,
    messagingRoutes,
    portalMessagingRoutes,
    messageTemplateRoutes,
    bulkMessageRoutes,
  ]) {
    await fastify.register(routes(context));
  }
  await registerWebApp(fastify, options.webDist);
  return { fastify, context };
}
