import { useState } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { useReply } from './api.ts';
import { MessageComposer } from './message-composer.tsx';
import { useDraft } from './use-draft.ts';

/** The reply form under an open thread; the draft (and its key) survive a failed send. */
export function ReplyBox({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const reply = useReply(threadId);
  // A change to the draft makes the last failure old news.
  const draft = useDraft(reply.reset);
  const [sentNotice, setSentNotice] = useState('');
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="reply-heading">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h4" id="reply-heading">
            {t('portalMessages.thread.replyHeading')}
          </Title>
          <Text size="sm" role="status" fw={600} c="portico.8">
            {sentNotice}
          </Text>
        </Group>
        <MessageComposer
          draft={draft}
          sending={reply.isPending}
          error={reply.error}
          onSend={(outgoing, focusBody) => {
            setSentNotice('');
            reply.mutate(outgoing, {
              onSuccess: () => {
                draft.clear();
                setSentNotice(t('portalMessages.thread.sent'));
                focusBody();
              },
              onError: (error) => {
                // The key was used for another message: this draft needs a key of its own.
                if (isApiError(error, 'IDEMPOTENCY_KEY_REUSED')) draft.renewKey();
              },
            });
          }}
        />
      </Stack>
    </Paper>
  );
}
