import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Box, Button, Group, Stack } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/components/notice.tsx';
import type { OutgoingDraft } from './api.ts';
import { AttachmentPicker } from './attachment-picker.tsx';
import { BodyField } from './body-field.tsx';
import { bodyLimit, codePoints, draftProblem } from './draft-rules.ts';
import { SendErrorAlert } from './send-error.tsx';
import type { Draft } from './use-draft.ts';

interface MessageComposerProps {
  draft: Draft;
  sending: boolean;
  error: unknown;
  /**
   * Sends the draft; its key stays the same until the draft changes. `focusBody` puts the focus
   * back in the (cleared) text box after a send: Send was disabled meanwhile and lost it.
   */
  onSend: (outgoing: OutgoingDraft, focusBody: () => void) => void;
  /** Other fields' checks (new message: who to, subject); false stops the send. */
  validateOthers?: () => boolean;
  /** Fields above the message (new message). */
  children?: ReactNode;
  submitLabel?: string;
}

/**
 * The message form shared by a reply and a new message: text with its counter, a card-number
 * check before anything is sent, attachments, the send error, Send.
 */
export function MessageComposer(props: MessageComposerProps) {
  const { draft, sending, error, onSend, validateOthers, children, submitLabel } = props;
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  const bodyInput = useRef<HTMLTextAreaElement>(null);
  const problem = draftProblem(draft.body);
  // A card number is explained as soon as it is typed; the other problems once Send is pressed.
  const cardNumber = problem === 'card_number';
  let bodyError: string | undefined;
  if (checked && problem === 'empty') bodyError = t('portalMessages.compose.empty');
  if (checked && problem === 'too_long')
    bodyError = t('portalMessages.compose.tooLong', {
      count: codePoints(draft.body),
      limit: bodyLimit,
    });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        const othersOk = validateOthers ? validateOthers() : true;
        if (problem !== null || !othersOk) {
          // Once the errors are shown: to the first field that needs a change.
          const form = event.currentTarget;
          window.setTimeout(() => {
            form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
          }, 0);
        }
        if (problem !== null || !othersOk || sending) return;
        onSend(
          { body: draft.body, files: draft.files, idempotencyKey: draft.idempotencyKey() },
          () => {
            // Sent: the emptied box is a new draft, not a mistake to point out.
            setChecked(false);
            bodyInput.current?.focus();
          },
        );
      }}
    >
      <Stack gap="md">
        {children}
        <div>
          <BodyField
            value={draft.body}
            onChange={draft.setBody}
            error={bodyError ?? (cardNumber ? t('portalMessages.compose.cardField') : undefined)}
            inputRef={bodyInput}
          />
          {/* Always in the page, so the explanation is announced when it appears. */}
          <div role="status">
            {cardNumber ? (
              <Box mt="sm">
                <Notice tone="warning" title={t('portalMessages.compose.cardTitle')}>
                  {t('portalMessages.compose.cardBody')}
                </Notice>
              </Box>
            ) : null}
          </div>
        </div>
        <AttachmentPicker files={draft.files} onChange={draft.setFiles} disabled={sending} />
        {error ? <SendErrorAlert error={error} /> : null}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={sending}
            leftSection={<IconSend size={18} aria-hidden="true" />}
          >
            {submitLabel ?? t('portalMessages.compose.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
