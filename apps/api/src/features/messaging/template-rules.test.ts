import { describe, expect, it } from 'vitest';
import {
  messageTemplateIssues,
  messageValuesFor,
  renderMessageTemplate,
  unknownMessageVariables,
  type MessageValues,
} from './template-rules.ts';

const values: MessageValues = {
  'patient.firstName': 'Jane',
  'patient.preferredName': 'Janie',
  'practice.name': 'Lakeside Family Medicine',
  'practice.phone': '555-0100',
  'staff.name': 'Dr. Rivera',
};

describe('renderMessageTemplate', () => {
  it('fills every known variable, with or without inner spaces', () => {
    expect(
      renderMessageTemplate(
        'Hi {{patient.preferredName}} ({{ patient.firstName }}), call {{practice.name}} at {{practice.phone}}. {{staff.name}}',
        values,
      ),
    ).toBe('Hi Janie (Jane), call Lakeside Family Medicine at 555-0100. Dr. Rivera');
  });

  it('leaves unknown variables and other braces as written', () => {
    expect(renderMessageTemplate('{{patient.lastName}} {x} {{', values)).toBe(
      '{{patient.lastName}} {x} {{',
    );
  });

  it('does not re-expand a value that looks like a variable', () => {
    const tricky = { ...values, 'patient.firstName': '{{practice.phone}}' };
    expect(renderMessageTemplate('{{patient.firstName}}', tricky)).toBe('{{practice.phone}}');
  });
});

describe('messageValuesFor', () => {
  it('falls back to the first name when there is no preferred name (or only spaces)', () => {
    const base = {
      patient: { firstName: 'Jane', preferredName: null },
      practice: { name: 'Lakeside', phone: null },
      staff: { name: 'Dr. Rivera' },
    };
    expect(messageValuesFor(base)).toEqual({
      'patient.firstName': 'Jane',
      'patient.preferredName': 'Jane',
      'practice.name': 'Lakeside',
      'practice.phone': '',
      'staff.name': 'Dr. Rivera',
    });
    const blank = { ...base, patient: { firstName: 'Jane', preferredName: '  ' } };
    expect(messageValuesFor(blank)['patient.preferredName']).toBe('Jane');
    const named = { ...base, patient: { firstName: 'Jane', preferredName: 'Janie' } };
    expect(messageValuesFor(named)['patient.preferredName']).toBe('Janie');
  });
});

describe('unknown variables', () => {
  it('lists each unknown variable once, in order of appearance', () => {
    expect(
      unknownMessageVariables('{{patient.lastName}} {{ patient.firstName }} {{dob}} {{dob}}'),
    ).toEqual(['patient.lastName', 'dob']);
    expect(unknownMessageVariables('no variables')).toEqual([]);
  });

  it('refuses a template naming the unknown variables and the allowed ones, per field', () => {
    const issues = messageTemplateIssues({
      subject: 'About {{patient.ssn}}',
      body: 'Hi {{patient.first_name}} and {{foo}}',
    });
    expect(issues).toHaveLength(2);
    expect(issues[0]?.path).toBe('body.subject');
    expect(issues[0]?.message).toContain('Unknown variable {{patient.ssn}}.');
    expect(issues[1]?.path).toBe('body.body');
    expect(issues[1]?.message).toContain('Unknown variables {{patient.first_name}}, {{foo}}.');
    expect(issues[1]?.message).toContain('{{patient.preferredName}}');
  });

  it('accepts a template using only known variables', () => {
    expect(
      messageTemplateIssues({
        subject: 'From {{practice.name}}',
        body: 'Hi {{patient.preferredName}}, call {{practice.phone}}. {{staff.name}}',
      }),
    ).toEqual([]);
  });
});
