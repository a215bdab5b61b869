import {
  templateVariables,
  type FieldIssue,
  type InvitationChannel,
  type InvitationTemplate,
} from '@portico/contracts';

/** Pure rules of invitation templates: the built-in texts, rendering, validation, SMS segments. */

export type TemplateVariable = (typeof templateVariables)[number];
export type TemplateValues = Record<TemplateVariable, string>;

export const builtInEmailId = 'default-email';
export const builtInSmsId = 'default-sms';

/** Our own words: what is waiting and where, the first name only, no other PHI. */
export const builtInTemplates: readonly InvitationTemplate[] = [
  {
    id: builtInEmailId,
    channel: 'email',
    name: 'Standard email invitation',
    subject: 'Set up your patient portal account with {{practice_name}}',
    body: [
      'Hello {{patient_first_name}},',
      '',
      '{{practice_name}} has invited you to their patient portal, where you can keep in touch with the practice online.',
      '',
      'To set up your account, open this link:',
      '{{patient_portal_link}}',
      '',
      'The link is for you alone and works until {{expires_at}}. If it has stopped working, ask the practice to send you a new one.',
      '',
      'If you were not expecting this message, you can ignore it.',
      '',
      '{{practice_name}}',
    ].join('\n'),
    builtIn: true,
    updatedAt: null,
  },
  {
    id: builtInSmsId,
    channel: 'sms',
    name: 'Standard text message invitation',
    subject: null,
    body: 'Hi {{patient_first_name}}, {{practice_name}} invites you to set up your patient portal account: {{patient_portal_link}}',
    builtIn: true,
    updatedAt: null,
  },
];

export function builtInTemplate(id: string): InvitationTemplate | undefined {
  return builtInTemplates.find((t) => t.id === id);
}

export const defaultTemplateId: Record<InvitationChannel, string> = {
  email: builtInEmailId,
  sms: builtInSmsId,
};

// ---------------------------------------------------------------- rendering

const variablePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known = new Set<string>(templateVariables);
const isKnown = (name: string): name is TemplateVariable => known.has(name);

/** Replaces each `{{variable}}` with its value; unknown ones (refused on save) are left as written. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(variablePattern, (whole, name: string) =>
    isKnown(name) ? values[name] : whole,
  );
}

function variablesIn(text: string): string[] {
  return [...text.matchAll(variablePattern)].map((m) => m[1] ?? '');
}

/** A URL-shaped stand-in as long as a real link (43-character token), never a live token. */
export const previewToken = 'PREVIEW-the-real-link-is-created-on-sending';

export function previewLink(publicUrl: string): string {
  return registrationLink(publicUrl, previewToken);
}

export function registrationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/portal/register/${token}`;
}

/** "November 28, 2026 at 10:00 AM Eastern Standard Time", in plain characters (GSM-7 safe). */
export function formatExpiry(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZoneName: 'long',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('month')} ${part('day')}, ${part('year')} at ${part('hour')}:${part('minute')} ${part('dayPeriod')} ${part('timeZoneName')}`;
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

// ---------------------------------------------------------------- SMS

const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtended = new Set('^{}\\[~]|€\f');

export const maxSmsCharacters = 480;

export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** SMS segments: GSM-7 160 in one, else 153 each (extension characters count twice); UCS-2 70, else 67. */
export function smsSegments(text: string): number {
  const chars = Array.from(text);
  if (chars.every((c) => gsmBasic.has(c) || gsmExtended.has(c))) {
    const septets = chars.reduce((n, c) => n + (gsmExtended.has(c) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  const units = text.length; // UTF-16 code units: characters outside the BMP take two
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

// ---------------------------------------------------------------- validation

export interface TemplateDraft {
  channel: InvitationChannel;
  subject?: string | null;
  body: string;
}

const allowedList = templateVariables.map((v) => `{{${v}}}`).join(', ');

function unknownVariableIssues(text: string, path: string): FieldIssue[] {
  const unknown = [...new Set(variablesIn(text).filter((v) => !isKnown(v)))];
  if (unknown.length === 0) return [];
  const names = unknown.map((v) => `{{${v}}}`).join(', ');
  return [
    {
      path,
      message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${names}. You can use ${allowedList}.`,
    },
  ];
}

/** Problems with a template, each pointing at its request field; `sample` fills it for the SMS length. */
export function templateIssues(draft: TemplateDraft, sample: TemplateValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const subject = draft.subject ?? null;
  if (draft.channel === 'email' && subject === null)
    issues.push({ path: 'body.subject', message: 'An email template needs a subject.' });
  if (draft.channel === 'sms' && subject !== null)
    issues.push({ path: 'body.subject', message: 'A text message has no subject.' });
  if (subject !== null) issues.push(...unknownVariableIssues(subject, 'body.subject'));
  if (!variablesIn(draft.body).includes('patient_portal_link'))
    issues.push({
      path: 'body.body',
      message: 'The message must contain {{patient_portal_link}}.',
    });
  issues.push(...unknownVariableIssues(draft.body, 'body.body'));
  if (draft.channel === 'sms') {
    const length = characterCount(renderTemplate(draft.body, sample));
    if (length > maxSmsCharacters)
      issues.push({
        path: 'body.body',
        message: `A text message can be at most ${maxSmsCharacters} characters once filled in; this one would be ${length}.`,
      });
  }
  return issues;
}
