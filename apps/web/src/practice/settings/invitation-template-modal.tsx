import { useMemo, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { InvitationChannel } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { templatePreviewQuery, useSaveTemplate } from './invitation-templates-api.ts';
import type { TemplateDraft } from './invitation-templates-api.ts';
import { issueFor } from './issues.ts';
import { TemplateBodyField } from './template-body-field.tsx';
import { smsCounterText, TemplatePreviewPanel } from './template-preview-panel.tsx';

/** What the modal starts from: a saved template (id) or a new one, possibly copied. */
export interface TemplateStart {
  id: string | null;
  draft: TemplateDraft;
}

type Field = 'name' | 'subject' | 'body';
const previewDelayMs = 400;

/** Rendered only while open, so each opening starts from `start`. */
export function InvitationTemplateModal({
  start,
  onClose,
}: {
  start: TemplateStart;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveTemplate();
  const [channel, setChannel] = useState<InvitationChannel>(start.draft.channel);
  const [name, setName] = useState(start.draft.name);
  const [subject, setSubject] = useState(start.draft.subject ?? '');
  const [body, setBody] = useState(start.draft.body);
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});

  const draft = useMemo<TemplateDraft>(
    () => ({
      channel,
      name: name.trim(),
      subject: channel === 'email' ? subject.trim() || null : null,
      body: body.trim(),
    }),
    [channel, name, subject, body],
  );
  const ready = draft.name !== '' && draft.body !== '';
  const [debounced] = useDebouncedValue(ready ? draft : null, previewDelayMs);
  const preview = useQuery(templatePreviewQuery(debounced));
  const counter = channel === 'sms' ? smsCounterText(preview.data, t) : null;

  const errorFor = (field: Field) => missing[field] ?? issueFor(save.error, field);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    const required = t('invitations.templates.required');
    if (draft.name === '') next.name = required;
    if (channel === 'email' && !draft.subject) next.subject = required;
    if (draft.body === '') next.body = required;
    setMissing(next);
    if (Object.keys(next).length > 0) return;
    save.mutate({ id: start.id, body: draft }, { onSuccess: onClose });
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      size="xl"
      title={
        start.id === null
          ? t('invitations.templates.addTitle')
          : t('invitations.templates.editTitle', { name: start.draft.name })
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? (
            <FormErrorAlert error={save.error} title={t('invitations.templates.errorTitle')} />
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="md">
              {start.id === null ? (
                <Radio.Group
                  label={t('invitations.templates.channel')}
                  value={channel}
                  onChange={(value) => {
                    setChannel(value === 'sms' ? 'sms' : 'email');
                  }}
                >
                  <Group gap="lg" mt="xs">
                    <Radio value="email" label={t('invitations.channel.email')} />
                    <Radio value="sms" label={t('invitations.channel.sms')} />
                  </Group>
                </Radio.Group>
              ) : (
                <Text size="sm">
                  <Text component="span" fw={600} size="sm">
                    {t('invitations.templates.channel')}:
                  </Text>{' '}
                  {t(`invitations.channel.${channel}`)} — {t('invitations.templates.channelFixed')}
                </Text>
              )}
              <TextInput
                label={t('invitations.templates.name')}
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                }}
                error={errorFor('name')}
                maxLength={80}
                required
                data-autofocus
              />
              {channel === 'email' ? (
                <TextInput
                  label={t('invitations.templates.subject')}
                  value={subject}
                  onChange={(e) => {
                    setSubject(e.currentTarget.value);
                  }}
                  error={errorFor('subject')}
                  maxLength={150}
                  required
                />
              ) : null}
              <TemplateBodyField
                value={body}
                onChange={setBody}
                error={errorFor('body')}
                extraDescription={
                  counter ? `${counter}. ${t('invitations.templates.counterHint')}` : undefined
                }
              />
            </Stack>
            <TemplatePreviewPanel preview={preview} ready={ready} />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
