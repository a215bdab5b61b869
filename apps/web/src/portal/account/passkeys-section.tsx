import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { MfaStatus } from '@portico/contracts';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useTranslation } from 'react-i18next';
import { createPasskey, passkeysSupported } from '../../ui/components/passkey-prompt.ts';
import type { PasskeyProblem } from '../../ui/components/passkey-prompt.ts';
import { ConfirmDialog } from '../../ui/components/confirm-dialog.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { shownError } from '../session/reauth.tsx';
import { usePasskeyOptions, useRegisterPasskey, useRemovePasskey } from './api.ts';
import { RecoveryCodesDisplay } from './recovery-codes-display.tsx';
import { deviceKind } from './rules.ts';
import { ChangeNotice, SecuritySection, useSectionNotice } from './security-section.tsx';
import { useFormatInstant } from './use-format-instant.ts';

type Passkey = MfaStatus['passkeys'][number];

function PasskeyList({
  passkeys,
  removing,
  onRemove,
}: {
  passkeys: Passkey[];
  removing: string | null;
  onRemove: (passkey: Passkey) => void;
}) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  if (passkeys.length === 0) return <Text size="sm">{t('portalAccount.passkeys.none')}</Text>;
  return (
    <Stack
      component="ul"
      gap="xs"
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
      aria-label={t('portalAccount.passkeys.listLabel')}
    >
      {passkeys.map((passkey) => (
        <Paper component="li" key={passkey.id} withBorder p="sm" radius="sm">
          <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
            <Group gap="sm" wrap="nowrap" align="flex-start" miw={0}>
              <IconKey size={20} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
              <Stack gap={2} miw={0}>
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {passkey.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('portalAccount.passkeys.added', { date: formatInstant(passkey.createdAt) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {passkey.lastUsedAt
                    ? t('portalAccount.passkeys.lastUsed', {
                        date: formatInstant(passkey.lastUsedAt),
                      })
                    : t('portalAccount.passkeys.neverUsed')}
                </Text>
              </Stack>
            </Group>
            <Button
              variant="default"
              size="xs"
              loading={removing === passkey.id}
              style={{ flexShrink: 0 }}
              aria-label={t('portalAccount.passkeys.removeNamed', { label: passkey.label })}
              onClick={() => {
                onRemove(passkey);
              }}
            >
              {t('portalAccount.passkeys.remove')}
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** Passkeys: the list, remove one (confirmed), and add one with the browser's own prompt. */
export function PasskeysSection({ status }: { status: MfaStatus }) {
  const { t } = useTranslation();
  const options = usePasskeyOptions();
  const register = useRegisterPasskey();
  const remove = useRemovePasskey();
  const [label, setLabel] = useState(() =>
    t(`portalAccount.passkeys.deviceLabel.${deviceKind(navigator.userAgent)}`),
  );
  const [labelMissing, setLabelMissing] = useState(false);
  const [problem, setProblem] = useState<PasskeyProblem | null>(null);
  const [toRemove, setToRemove] = useState<Passkey | null>(null);
  const { heading, notice, setNotice, backToHeading } = useSectionNotice();
  const [codes, setCodes] = useState<string[] | null>(null);
  // Older browsers cannot create passkeys, so "add" is not offered there.
  const supported = passkeysSupported();
  const adding = options.isPending || register.isPending;

  const add = async () => {
    const name = label.trim();
    setLabelMissing(name === '');
    if (name === '') return;
    setNotice('');
    setProblem(null);
    register.reset();
    let optionsJSON: PublicKeyCredentialCreationOptionsJSON;
    try {
      optionsJSON = (await options.mutateAsync(
        undefined,
      )) as PublicKeyCredentialCreationOptionsJSON;
    } catch {
      return; // shown from options.error
    }
    const created = await createPasskey(optionsJSON);
    if ('problem' in created) {
      setProblem(created.problem);
      return;
    }
    register.mutate(
      { response: created.response, label: name },
      {
        onSuccess: (result) => {
          if (result.recoveryCodes) setCodes(result.recoveryCodes);
          else setNotice(t('portalAccount.passkeys.addedNotice'));
        },
      },
    );
  };

  const failure =
    shownError(options.error) ?? shownError(register.error) ?? shownError(remove.error);
  return (
    <SecuritySection
      id="security-passkeys"
      ref={heading}
      title={t('portalAccount.passkeys.heading')}
      intro={t('portalAccount.passkeys.intro')}
    >
      <PasskeyList
        passkeys={status.passkeys}
        removing={remove.isPending ? remove.variables : null}
        onRemove={(passkey) => {
          setNotice('');
          remove.reset();
          setToRemove(passkey);
        }}
      />
      {failure ? (
        <FormErrorAlert error={failure} title={t('portalAccount.passkeys.failed')} />
      ) : null}
      {problem ? (
        <FormErrorAlert
          error={problem}
          message={t(`portalAccount.passkeys.problem.${problem}`)}
          title={t('portalAccount.passkeys.failed')}
        />
      ) : null}
      {codes ? (
        <RecoveryCodesDisplay
          codes={codes}
          onDone={() => {
            setCodes(null);
            backToHeading(t('portalAccount.passkeys.addedNotice'));
          }}
        />
      ) : supported ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('portalAccount.passkeys.labelLabel')}
              description={t('portalAccount.passkeys.labelHint')}
              value={label}
              onChange={(event) => {
                setLabel(event.currentTarget.value);
              }}
              error={labelMissing ? t('portalAccount.passkeys.labelRequired') : undefined}
              maxLength={60}
              w={{ base: '100%', xs: 320 }}
              required
            />
            <Group>
              <Button
                type="submit"
                loading={adding}
                leftSection={<IconKey size={16} aria-hidden="true" />}
              >
                {t('portalAccount.passkeys.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="sm">{t('portalAccount.passkeys.unsupported')}</Text>
      )}
      <ChangeNotice message={notice} />
      <ConfirmDialog
        opened={toRemove !== null}
        title={t('portalAccount.passkeys.removeTitle')}
        body={t('portalAccount.passkeys.removeBody', { label: toRemove?.label ?? '' })}
        confirmLabel={t('portalAccount.passkeys.remove')}
        destructive
        onCancel={() => {
          setToRemove(null);
        }}
        onConfirm={() => {
          if (!toRemove) return;
          const id = toRemove.id;
          setToRemove(null);
          remove.mutate(id, {
            onSuccess: () => {
              backToHeading(t('portalAccount.passkeys.removed'));
            },
          });
        }}
      />
    </SecuritySection>
  );
}
