import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import type { ErrorBody, FieldIssue } from '@portico/contracts';
import { AppError, httpStatusOf } from '../errors.ts';

const fastifyCodeMap: Record<string, AppError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

const plainMessages: Partial<Record<AppError['code'], string>> = {
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'This content type is not accepted here.',
  NOT_FOUND: 'Not found.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
};

/** Maps every error to `{ code, message, requestId }`: never a stack trace, SQL or PHI. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const issues: FieldIssue[] = fe.validation.map((v) => ({
      path: [fe.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'Invalid value',
    }));
    return new AppError('VALIDATION', 'Some fields are missing or invalid.', { issues });
  }
  if (isResponseSerializationError(fe))
    return new AppError('INTERNAL', plainMessages.INTERNAL ?? '');
  const mapped = fe.code ? fastifyCodeMap[fe.code] : undefined;
  if (mapped) {
    const message =
      mapped === 'VALIDATION'
        ? 'The request body is not valid JSON.'
        : (plainMessages[mapped] ?? fe.message);
    return new AppError(mapped, message);
  }
  if (error instanceof SyntaxError)
    return new AppError('VALIDATION', 'The request body is not valid JSON.');
  if (fe.statusCode === 429)
    return new AppError('RATE_LIMITED', 'Too many requests. Please wait and try again.');
  if (fe.statusCode === 404) return new AppError('NOT_FOUND', plainMessages.NOT_FOUND ?? '');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('VALIDATION', 'The request could not be understood.');
  }
  return new AppError('INTERNAL', plainMessages.INTERNAL ?? '');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf[appError.code];
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    const body: ErrorBody = {
      code: appError.code,
      message: appError.message,
      requestId: request.id,
    };
    if (appError.details.issues) body.issues = appError.details.issues;
    if (appError.details.reason) body.reason = appError.details.reason;
    if (appError.details.retryAfterSeconds !== undefined) {
      body.retryAfterSeconds = appError.details.retryAfterSeconds;
      void reply.header('retry-after', String(appError.details.retryAfterSeconds));
    }
    void reply.status(status).send(body);
  });
}
