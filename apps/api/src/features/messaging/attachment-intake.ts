import type { FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentLimits } from '@portico/contracts';
import { AppError, validation } from '../../platform/errors.ts';
import { allowedContentType, attachmentSetProblem, fileNameProblem } from './attachment-rules.ts';
import { stripImageMetadata } from './image-metadata.ts';

/** A checked attachment: safe name, type detected from its bytes, image metadata removed. */
export type IncomingFile = { fileName: string; contentType: string; bytes: Uint8Array };

export type MessageForm = { fields: Record<string, string>; files: IncomingFile[] };

const maxFieldChars = 20_000;
const fileField = 'files';
const bytesPerMb = 1024 * 1024;

const tooManyFiles = () =>
  validation(`A message can carry at most ${attachmentLimits.perMessage} files.`, [
    { path: fileField, message: `Attach at most ${attachmentLimits.perMessage} files.` },
  ]);
const fileTooLarge = (name?: string) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `${name === undefined ? 'A file' : `"${name}"`} is larger than ${attachmentLimits.bytesEach / bytesPerMb} MB; each file must be at most ${attachmentLimits.bytesEach / bytesPerMb} MB.`,
  );
const totalTooLarge = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The files of one message must be at most ${attachmentLimits.bytesPerMessage / bytesPerMb} MB together.`,
  );

/**
 * Reads a multipart/form-data message: text parts become `fields`, parts named `files` become
 * checked attachments. Refuses, before anything is stored, too many or too large files, bad
 * names, and content that is not a PDF, JPEG, PNG or HEIC/HEIF by its bytes (the client's
 * declared type and extension are ignored). Images leave without Exif, XMP or text metadata.
 */
export async function readMessageForm(request: FastifyRequest): Promise<MessageForm> {
  if (!request.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the message as multipart/form-data (text fields and files named "files").',
    );
  }
  const errors = request.server.multipartErrors;
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  const budget = { totalBytes: 0 };
  try {
    const parts = request.parts({
      preservePath: true, // see the client's whole name, so "../x.pdf" is refused, not shortened
      limits: {
        files: attachmentLimits.perMessage,
        fileSize: attachmentLimits.bytesEach,
        fields: 20,
        parts: 40,
        fieldSize: maxFieldChars * 4 + 4,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') files.push(await readFilePart(part, budget));
      else addField(fields, part);
    }
  } catch (error) {
    if (error instanceof errors.FilesLimitError) throw tooManyFiles();
    if (error instanceof errors.RequestFileTooLargeError) throw fileTooLarge();
    if (error instanceof errors.FieldsLimitError || error instanceof errors.PartsLimitError) {
      throw validation('The form has too many fields.');
    }
    throw error;
  }
  const problem = attachmentSetProblem(files.map((file) => file.bytes.length));
  if (problem?.code === 'VALIDATION' && files.length > attachmentLimits.perMessage) {
    throw tooManyFiles();
  }
  if (problem) throw new AppError(problem.code, problem.message);
  return { fields, files };
}

function addField(fields: Record<string, string>, part: Exclude<Multipart, MultipartFile>): void {
  const name = part.fieldname;
  if (Object.hasOwn(fields, name)) {
    throw validation(`The field "${name}" was sent more than once.`, [
      { path: name, message: 'Send this field once.' },
    ]);
  }
  if (typeof part.value !== 'string') {
    throw validation(`The field "${name}" must be text.`, [
      { path: name, message: 'Must be text.' },
    ]);
  }
  let chars = 0;
  for (const _ of part.value) chars++;
  if (part.valueTruncated || chars > maxFieldChars) {
    throw validation(`The field "${name}" is longer than ${maxFieldChars} characters.`, [
      { path: name, message: `At most ${maxFieldChars} characters.` },
    ]);
  }
  fields[name] = part.value;
}

async function readFilePart(
  part: MultipartFile,
  budget: { totalBytes: number },
): Promise<IncomingFile> {
  if (part.fieldname !== fileField) {
    throw validation(`Files must be sent in the "${fileField}" field.`, [
      { path: part.fieldname, message: `Send files as "${fileField}".` },
    ]);
  }
  const nameProblem = fileNameProblem(part.filename);
  if (nameProblem) throw validation(nameProblem, [{ path: fileField, message: nameProblem }]);
  const name = part.filename;

  // Past the size limit busboy would quietly discard the rest; end the upload at once instead.
  part.file.once('limit', () => part.file.destroy(fileTooLarge(name)));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    budget.totalBytes += bytes.length;
    if (budget.totalBytes > attachmentLimits.bytesPerMessage) throw totalTooLarge(); // ends the upload
    chunks.push(bytes);
  }
  if (part.file.truncated) throw fileTooLarge(name);
  if (size === 0) {
    throw validation(`"${name}" is empty.`, [{ path: fileField, message: 'The file is empty.' }]);
  }

  const raw = new Uint8Array(Buffer.concat(chunks));
  const detected = (await fileTypeFromBuffer(raw))?.mime;
  if (detected === undefined || !allowedContentType(detected)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `"${name}" is not a PDF, JPEG, PNG or HEIC image. Only those can be attached.`,
    );
  }
  return { fileName: name, contentType: detected, bytes: stripImageMetadata(raw, detected) };
}
