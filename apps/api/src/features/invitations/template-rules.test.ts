import { describe, expect, it } from 'vitest';
import {
  builtInTemplates,
  formatExpiry,
  previewLink,
  renderTemplate,
  smsSegments,
  templateIssues,
  type TemplateValues,
} from './template-rules.ts';

const values: TemplateValues = {
  patient_portal_link: 'https://portal.example/portal/register/abc',
  practice_name: 'Lakeside Family Medicine',
  patient_first_name: 'Jane',
  expires_at: 'November 28, 2026 at 10:00 AM Eastern Standard Time',
};

describe('renderTemplate', () => {
  it('substitutes every {{variable}}, with or without inner spaces', () => {
    expect(
      renderTemplate(
        'Hi {{patient_first_name}}, {{ practice_name }}: {{patient_portal_link}}',
        values,
      ),
    ).toBe('Hi Jane, Lakeside Family Medicine: https://portal.example/portal/register/abc');
  });

  it('leaves text without variables alone', () => {
    expect(renderTemplate('Hello {there}', values)).toBe('Hello {there}');
  });
});

describe('formatExpiry', () => {
  it('shows the date and time in the practice time zone and names the zone', () => {
    const instant = new Date('2026-11-28T15:00:00.000Z');
    expect(formatExpiry(instant, 'America/New_York')).toBe(
      'November 28, 2026 at 10:00 AM Eastern Standard Time',
    );
    expect(formatExpiry(instant, 'America/Los_Angeles')).toBe(
      'November 28, 2026 at 7:00 AM Pacific Standard Time',
    );
  });

  it('uses only plain characters (no narrow spaces that would force Unicode SMS)', () => {
    expect(formatExpiry(new Date('2026-07-01T20:30:00Z'), 'Europe/Berlin')).toMatch(
      /^[\x20-\x7e]+$/,
    );
  });
});

describe('smsSegments', () => {
  it('GSM-7: 160 characters in one segment, then 153 per segment', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
  });

  it('counts GSM extension characters as two', () => {
    expect(smsSegments('{'.repeat(80))).toBe(1);
    expect(smsSegments('{'.repeat(81))).toBe(2);
  });

  it('Unicode: 70 in one segment, then 67 per segment', () => {
    expect(smsSegments('é'.repeat(70))).toBe(1); // é is GSM-7
    expect(smsSegments('ł'.repeat(70))).toBe(1);
    expect(smsSegments('ł'.repeat(71))).toBe(2);
    expect(smsSegments('ł'.repeat(134))).toBe(2);
    expect(smsSegments('ł'.repeat(135))).toBe(3);
  });

  it('counts an empty text as one segment', () => {
    expect(smsSegments('')).toBe(1);
  });
});

describe('templateIssues', () => {
  const sample = { ...values, patient_portal_link: previewLink('https://portal.example') };

  it('accepts the built-in templates', () => {
    for (const template of builtInTemplates)
      expect(templateIssues(template, sample), template.id).toEqual([]);
  });

  it('requires the link variable in the body', () => {
    expect(templateIssues({ channel: 'sms', body: 'Hello' }, sample)).toEqual([
      { path: 'body.body', message: 'The message must contain {{patient_portal_link}}.' },
    ]);
  });

  it('refuses unknown variables and lists the allowed ones', () => {
    const issues = templateIssues(
      { channel: 'email', subject: 'Hi {{first_name}}', body: '{{patient_portal_link}} {{dob}}' },
      sample,
    );
    expect(issues).toHaveLength(2);
    expect(issues[0]?.path).toBe('body.subject');
    expect(issues[0]?.message).toContain('{{first_name}}');
    expect(issues[1]?.message).toContain('{{dob}}');
    expect(issues[1]?.message).toContain(
      '{{patient_portal_link}}, {{practice_name}}, {{patient_first_name}}, {{expires_at}}',
    );
  });

  it('email needs a subject; SMS must not have one', () => {
    expect(templateIssues({ channel: 'email', body: '{{patient_portal_link}}' }, sample)).toEqual([
      { path: 'body.subject', message: 'An email template needs a subject.' },
    ]);
    expect(
      templateIssues({ channel: 'sms', subject: 'Hi', body: '{{patient_portal_link}}' }, sample),
    ).toEqual([{ path: 'body.subject', message: 'A text message has no subject.' }]);
  });

  it('SMS: at most 480 characters once rendered', () => {
    const body = `{{patient_portal_link}} ${'x'.repeat(480)}`;
    const [issue] = templateIssues({ channel: 'sms', body }, sample);
    expect(issue?.path).toBe('body.body');
    expect(issue?.message).toMatch(/at most 480 characters/);
    expect(templateIssues({ channel: 'email', subject: 's', body }, sample)).toEqual([]);
  });
});

describe('built-in templates', () => {
  it('carry the link, mention the expiry in email, and stay within one or two SMS segments', () => {
    const [email, sms] = builtInTemplates;
    expect(email?.id).toBe('default-email');
    expect(email?.body).toContain('{{patient_portal_link}}');
    expect(email?.body).toContain('{{expires_at}}');
    expect(sms?.id).toBe('default-sms');
    expect(sms?.subject).toBeNull();
    const text = renderTemplate(sms?.body ?? '', {
      ...values,
      patient_portal_link: previewLink('https://portal.example'),
    });
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
  });
});
