import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { formatNumber } from '../../ui/format.ts';
import { useStartBulkMessage } from './bulk-api.ts';
import { BulkPatientChooser } from './bulk-patient-chooser.tsx';
import { BulkRunProgress } from './bulk-run-progress.tsx';
import { bodyProblem, MessageBodyField } from './message-body-field.tsx';
import type { PickedPatient } from './patient-picker.tsx';
import { VariableButtons } from './variable-buttons.tsx';

/** Maximum patients in one bulk message (the contract's limit). */
const maxPatients = 5000;

/** One message to many patients, each in a thread of their own; then progress and a summary. */
export function BulkMessagePage() {
  const { t, i18n } = useTranslation();
  const start = useStartBulkMessage();
  const [selected, setSelected] = useState<Map<string, PickedPatient>>(new Map());
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ patients?: string; subject?: string; body?: string }>({});
  const [runId, setRunId] = useState<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = bodyProblem(body);
    const next = {
      patients:
        selected.size === 0
          ? t('consoleMessages.bulk.patientsRequired')
          : selected.size > maxPatients
            ? t('consoleMessages.bulk.tooManyPatients', {
                max: formatNumber(maxPatients, i18n.language),
              })
            : undefined,
      subject: subject.trim() ? undefined : t('consoleMessages.compose.subjectRequired'),
      body: problem ? t(`consoleMessages.compose.body_${problem}`) : undefined,
    };
    setErrors(next);
    if (next.patients || next.subject || next.body) return;
    start.mutate(
      { patientIds: [...selected.keys()], subject: subject.trim(), body },
      {
        onSuccess: (run) => {
          setRunId(run.id);
        },
      },
    );
  };

  const restart = () => {
    setRunId(null);
    setSelected(new Map());
    setSubject('');
    setBody('');
    start.reset();
  };

  return (
    <>
      <PageHeader
        title={t('consoleMessages.bulk.title')}
        description={t('consoleMessages.bulk.description')}
      />
      {runId ? (
        <Card
          withBorder
          padding="md"
          radius="md"
          component="section"
          aria-labelledby="bulk-run-title"
        >
          <Title order={2} size="h3" id="bulk-run-title" mb="sm">
            {t('consoleMessages.bulk.runTitle')}
          </Title>
          <Stack gap="md">
            <BulkRunProgress runId={runId} />
            <Group gap="md">
              <Button variant="default" onClick={restart}>
                {t('consoleMessages.bulk.another')}
              </Button>
              <Anchor component={Link} to="/practice/messages" size="sm">
                {t('consoleMessages.thread.back')}
              </Anchor>
            </Group>
          </Stack>
        </Card>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            {start.isError ? <FormErrorAlert error={start.error} /> : null}
            <Card
              withBorder
              padding="md"
              radius="md"
              component="section"
              aria-labelledby="bulk-patients-title"
            >
              <Title order={2} size="h3" id="bulk-patients-title" mb="xs">
                {t('consoleMessages.bulk.patientsTitle')}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t('consoleMessages.bulk.patientsHint')}
              </Text>
              {errors.patients ? (
                <Text size="sm" c="red.8" role="alert" mb="sm">
                  {errors.patients}
                </Text>
              ) : null}
              <BulkPatientChooser selected={selected} onChange={setSelected} />
            </Card>
            <Card
              withBorder
              padding="md"
              radius="md"
              component="section"
              aria-labelledby="bulk-message-title"
            >
              <Title order={2} size="h3" id="bulk-message-title" mb="sm">
                {t('consoleMessages.bulk.messageTitle')}
              </Title>
              <Stack gap="md">
                <TextInput
                  label={t('consoleMessages.compose.subject')}
                  value={subject}
                  onChange={(e) => {
                    setSubject(e.currentTarget.value);
                  }}
                  maxLength={200}
                  required
                  error={errors.subject}
                />
                <MessageBodyField
                  label={t('consoleMessages.compose.body')}
                  value={body}
                  onChange={setBody}
                  error={errors.body}
                  minRows={6}
                />
                <VariableButtons
                  onInsert={(token) => {
                    setBody((old) => `${old}${token}`);
                  }}
                />
                <Group justify="flex-end">
                  <Button
                    type="submit"
                    loading={start.isPending}
                    leftSection={<IconSend size={16} aria-hidden="true" />}
                  >
                    {t('consoleMessages.bulk.send', {
                      count: selected.size,
                      n: formatNumber(selected.size, i18n.language),
                    })}
                  </Button>
                </Group>
              </Stack>
            </Card>
          </Stack>
        </form>
      )}
    </>
  );
}
