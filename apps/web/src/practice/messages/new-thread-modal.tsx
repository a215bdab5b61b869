import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { AttachmentPicker } from './attachment-picker.tsx';
import { useStartThread } from './compose-api.ts';
import { bodyProblem, MessageBodyField } from './message-body-field.tsx';
import { PatientPicker } from './patient-picker.tsx';
import type { PickedPatient } from './patient-picker.tsx';
import { bodyIssue, SendErrorAlert } from './send-error-alert.tsx';
import { TemplatePicker } from './template-picker.tsx';
import { draftSignature, useDraftKey } from './use-draft-key.ts';

interface NewThreadModalProps {
  /** Fixed patient (from their record), or null to pick one. */
  patient: PickedPatient | null;
  onClose: () => void;
}

/** Start a thread: patient, optional template, subject, message and attachments. */
export function NewThreadModal({ patient: fixed, onClose }: NewThreadModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartThread();
  const draftKey = useDraftKey();
  const [patient, setPatient] = useState<PickedPatient | null>(fixed);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<{ patient?: string; subject?: string; body?: string }>({});

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = bodyProblem(body);
    const next = {
      patient: patient ? undefined : t('consoleMessages.compose.patientRequired'),
      subject: subject.trim() ? undefined : t('consoleMessages.compose.subjectRequired'),
      body: problem ? t(`consoleMessages.compose.body_${problem}`) : undefined,
    };
    setErrors(next);
    if (!patient || next.subject || next.body) return;
    const draft = { patientId: patient.id, subject, body, files };
    const idempotencyKey = draftKey.keyFor(draftSignature([patient.id, subject, body], files));
    start.mutate(
      { ...draft, idempotencyKey },
      {
        onSuccess: (sent) => {
          draftKey.reset();
          onClose();
          void navigate(`/practice/messages/${sent.threadId}`);
        },
      },
    );
  };

  return (
    <AppModal opened onClose={onClose} size="lg" title={t('consoleMessages.compose.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {start.isError ? <SendErrorAlert error={start.error} /> : null}
          {fixed ? (
            <div>
              <Text size="sm" fw={500}>
                {t('consoleMessages.compose.patient')}
              </Text>
              <Text size="sm">{`${fixed.name} · ${fixed.mrn}`}</Text>
            </div>
          ) : (
            <PatientPicker value={patient} onChange={setPatient} error={errors.patient} />
          )}
          <TemplatePicker
            patientId={patient?.id ?? null}
            onFill={(filled) => {
              setSubject(filled.subject);
              setBody(filled.body);
            }}
          />
          <TextInput
            label={t('consoleMessages.compose.subject')}
            value={subject}
            onChange={(e) => {
              setSubject(e.currentTarget.value);
            }}
            maxLength={200}
            required
            error={errors.subject}
            data-autofocus={fixed ? true : undefined}
          />
          <MessageBodyField
            label={t('consoleMessages.compose.body')}
            value={body}
            onChange={setBody}
            error={errors.body ?? bodyIssue(start.error)}
            minRows={6}
          />
          <AttachmentPicker files={files} onChange={setFiles} disabled={start.isPending} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={start.isPending}
              leftSection={<IconSend size={16} aria-hidden="true" />}
            >
              {t('consoleMessages.compose.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
