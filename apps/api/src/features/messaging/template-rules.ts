import { messageTemplateVariables, type FieldIssue } from '@portico/contracts';

/** Pure rules of message templates: variables, rendering and the check made when one is saved. */

export type MessageVariable = (typeof messageTemplateVariables)[number];
export type MessageValues = Record<MessageVariable, string>;

const variablePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known = new Set<string>(messageTemplateVariables);
const isKnown = (name: string): name is MessageVariable => known.has(name);

/** Replaces each known `{{variable}}` (in one pass: values are never expanded again). */
export function renderMessageTemplate(text: string, values: MessageValues): string {
  return text.replace(variablePattern, (whole, name: string) =>
    isKnown(name) ? values[name] : whole,
  );
}

/** The facts a message is filled with; the preferred name falls back to the first name. */
export interface MessageFacts {
  patient: { firstName: string; preferredName: string | null };
  practice: { name: string; phone: string | null };
  staff: { name: string };
}

export function messageValuesFor({ patient, practice, staff }: MessageFacts): MessageValues {
  const preferred = patient.preferredName?.trim() ?? '';
  return {
    'patient.firstName': patient.firstName,
    'patient.preferredName': preferred === '' ? patient.firstName : preferred,
    'practice.name': practice.name,
    'practice.phone': practice.phone ?? '',
    'staff.name': staff.name,
  };
}

/** The unknown variable names in a text, each once, in order of appearance. */
export function unknownMessageVariables(text: string): string[] {
  const names = [...text.matchAll(variablePattern)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !isKnown(n)))];
}

const allowedList = messageTemplateVariables.map((v) => `{{${v}}}`).join(', ');

function unknownVariableIssues(text: string, path: string): FieldIssue[] {
  const unknown = unknownMessageVariables(text);
  if (unknown.length === 0) return [];
  const names = unknown.map((v) => `{{${v}}}`).join(', ');
  const plural = unknown.length > 1 ? 's' : '';
  return [{ path, message: `Unknown variable${plural} ${names}. You can use ${allowedList}.` }];
}

/** Problems with a template (or a bulk message) text, each pointing at its request field. */
export function messageTemplateIssues(draft: { subject: string; body: string }): FieldIssue[] {
  return [
    ...unknownVariableIssues(draft.subject, 'body.subject'),
    ...unknownVariableIssues(draft.body, 'body.body'),
  ];
}
