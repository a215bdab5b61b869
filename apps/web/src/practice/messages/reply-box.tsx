import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { useInvalidateThread } from './api.ts';
import { Notice } from '../../ui/components/notice.tsx';
import { AttachmentPicker } from './attachment-picker.tsx';
import { useSendReply } from './compose-api.ts';
import { bodyProblem, MessageBodyField } from './message-body-field.tsx';
import { bodyIssue, SendErrorAlert } from './send-error-alert.tsx';
import { draftSignature, useDraftKey } from './use-draft-key.ts';

/** Write a reply with attachments; the draft keeps its Idempotency-Key until it is sent. */
export function ReplyBox({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const send = useSendReply(threadId);
  const refreshThread = useInvalidateThread(threadId);
  const draftKey = useDraftKey();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const [sentNotice, setSentNotice] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = bodyProblem(body);
    setBodyError(problem ? t(`consoleMessages.compose.body_${problem}`) : undefined);
    setSentNotice(false);
    if (problem) return;
    const idempotencyKey = draftKey.keyFor(draftSignature([body], files));
    send.mutate(
      { body, files, idempotencyKey },
      {
        onSuccess: () => {
          draftKey.reset();
          setBody('');
          setFiles([]);
          setSentNotice(true);
        },
        onError: (error) => {
          // Closed or end-dated meanwhile: reload, so the page shows why it is read-only.
          if (isApiError(error, 'THREAD_READ_ONLY')) void refreshThread();
        },
      },
    );
  };

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="reply-title">
      <Title order={2} size="h4" id="reply-title" mb="sm">
        {t('consoleMessages.thread.replyTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div role="status">
            {sentNotice ? <Notice tone="success">{t('consoleMessages.thread.sent')}</Notice> : null}
          </div>
          {send.isError ? <SendErrorAlert error={send.error} /> : null}
          <MessageBodyField
            label={t('consoleMessages.thread.replyLabel')}
            value={body}
            onChange={(v) => {
              setBody(v);
              setSentNotice(false);
            }}
            error={bodyError ?? bodyIssue(send.error)}
          />
          <AttachmentPicker files={files} onChange={setFiles} disabled={send.isPending} />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={send.isPending}
              leftSection={<IconSend size={16} aria-hidden="true" />}
            >
              {t('consoleMessages.thread.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
