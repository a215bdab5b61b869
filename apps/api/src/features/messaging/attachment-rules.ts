import { attachmentLimits } from '@portico/contracts';

/** Attachment rules (POLICY.md "Messaging", attachments row): pure, no I/O. */

const maxFileNameChars = 200;
const bytesPerMb = 1024 * 1024;
// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Why a client's file name cannot be shown back and offered for download, or null when it is fine. */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '') return 'The file has no name. Give it a name and attach it again.';
  if (codePointCount(name) > maxFileNameChars) {
    return `The file name is longer than ${maxFileNameChars} characters. Rename the file and attach it again.`;
  }
  if (name.includes('/') || name.includes('\\')) {
    return 'The file name contains "/" or "\\". Rename the file and attach it again.';
  }
  if (name.includes('..')) {
    return 'The file name contains "..". Rename the file and attach it again.';
  }
  if (controlCharacter.test(name)) {
    return 'The file name contains control characters (such as a line break). Rename the file and attach it again.';
  }
  if (name.startsWith('.')) {
    return 'The file name starts with a dot. Rename the file and attach it again.';
  }
  return null;
}

const allowedTypes: ReadonlySet<string> = new Set(attachmentLimits.mimeTypes);

/** Whether the type detected from a file's content (never the client's claim) may be attached. */
export function allowedContentType(detectedMime: string | undefined): boolean {
  return detectedMime !== undefined && allowedTypes.has(detectedMime);
}

export type AttachmentSetProblem = {
  code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE';
  message: string;
};

/** What is wrong with a message's set of files (their sizes in bytes), or null. */
export function attachmentSetProblem(sizes: number[]): AttachmentSetProblem | null {
  if (sizes.length > attachmentLimits.perMessage) {
    return {
      code: 'VALIDATION',
      message: `A message can carry at most ${attachmentLimits.perMessage} files; ${sizes.length} were attached.`,
    };
  }
  if (sizes.some((size) => size <= 0)) {
    return { code: 'VALIDATION', message: 'One of the files is empty. Remove it and try again.' };
  }
  if (sizes.some((size) => size > attachmentLimits.bytesEach)) {
    return {
      code: 'PAYLOAD_TOO_LARGE',
      message: `Each file must be at most ${attachmentLimits.bytesEach / bytesPerMb} MB.`,
    };
  }
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > attachmentLimits.bytesPerMessage) {
    return {
      code: 'PAYLOAD_TOO_LARGE',
      message: `The files of one message must be at most ${attachmentLimits.bytesPerMessage / bytesPerMb} MB together.`,
    };
  }
  return null;
}
