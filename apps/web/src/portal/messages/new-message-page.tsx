import { useState } from 'react';
import { Button, Paper, Stack } from '@mantine/core';
import { IconInfoCircle, IconMessageOff } from '@tabler/icons-react';
import type { ComposeOptions } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { composeOptionsQuery, useStartThread } from './api.ts';
import { MessageComposer } from './message-composer.tsx';
import { RecipientFields, officeStaffValue, recipientComplete } from './recipient-fields.tsx';
import type { Recipient } from './recipient-fields.tsx';
import { useDraft } from './use-draft.ts';

function NewMessageForm({ options }: { options: ComposeOptions }) {
  const navigate = useNavigate();
  const start = useStartThread();
  // A change to the draft makes the last failure old news.
  const draft = useDraft(start.reset);
  const onlyLocation = options.locations.length === 1 ? (options.locations[0]?.id ?? '') : '';
  const [recipient, setRecipient] = useState<Recipient>({
    to: '',
    locationId: onlyLocation,
    topic: '',
  });
  const [checked, setChecked] = useState(false);

  return (
    <Paper withBorder p="md" radius="md">
      <MessageComposer
        draft={draft}
        sending={start.isPending}
        error={start.error}
        validateOthers={() => {
          setChecked(true);
          return recipientComplete(recipient, options);
        }}
        onSend={(outgoing) => {
          const { topic } = recipient;
          if (topic === '') return;
          start.mutate(
            {
              ...outgoing,
              topic,
              providerId: recipient.to === officeStaffValue ? undefined : recipient.to,
              locationId: recipient.locationId === '' ? undefined : recipient.locationId,
            },
            {
              onSuccess: (sent) => {
                void navigate(`/portal/messages/${sent.threadId}`);
              },
              onError: (error) => {
                if (isApiError(error, 'IDEMPOTENCY_KEY_REUSED')) draft.renewKey();
              },
            },
          );
        }}
      >
        <RecipientFields
          options={options}
          value={recipient}
          onChange={(next) => {
            setRecipient(next);
            // Another recipient or subject is another message.
            draft.renewKey();
          }}
          checked={checked}
        />
      </MessageComposer>
    </Paper>
  );
}

/** `/portal/messages/new`: write to a provider or the office, when the practice allows it. */
export function NewMessagePage() {
  const { t } = useTranslation();
  const options = useQuery(composeOptionsQuery);

  let body;
  if (options.isPending)
    body = <LoadingState rows={6} label={t('portalMessages.newMessage.loading')} />;
  else if (options.isError)
    body = (
      <ErrorState
        error={options.error}
        onRetry={() => {
          void options.refetch();
        }}
      />
    );
  else if (!options.data.allowed)
    body = (
      <EmptyState
        icon={<IconMessageOff size={32} stroke={1.5} aria-hidden="true" />}
        title={t('portalMessages.newMessage.notAllowedTitle')}
        description={t('portalMessages.newMessage.notAllowedBody')}
        action={
          <Button component={Link} to="/portal/messages" variant="default">
            {t('portalMessages.newMessage.backToMessages')}
          </Button>
        }
      />
    );
  else
    body = (
      <Stack gap="lg">
        {options.data.guidelineBanner.trim() !== '' ? (
          <Notice
            tone="info"
            icon={<IconInfoCircle size={18} aria-hidden="true" />}
            title={t('portalMessages.thread.guideline')}
          >
            <span style={{ whiteSpace: 'pre-wrap' }}>{options.data.guidelineBanner}</span>
          </Notice>
        ) : null}
        <NewMessageForm options={options.data} />
      </Stack>
    );

  return (
    <>
      <PageHeader
        title={t('portalMessages.newMessage.title')}
        description={t('portalMessages.newMessage.description')}
      />
      {body}
    </>
  );
}
