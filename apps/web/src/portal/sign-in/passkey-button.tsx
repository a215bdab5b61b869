import { Button, Divider, Stack, Text } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { isApiError } from '../../ui/api-client.ts';
import { passkeysSupported } from '../../ui/components/passkey-prompt.ts';
import { usePasskeySignIn } from './api.ts';
import { afterSignInPath } from '../session/paths.ts';

/** "Use a passkey": shown only where the browser supports WebAuthn. */
export function PasskeyButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const passkey = usePasskeySignIn();
  if (!passkeysSupported()) return null;

  // The browser's own prompt was dismissed or timed out (not an error from the server).
  const cancelled = passkey.isError && !isApiError(passkey.error);
  return (
    <Stack gap="xs">
      <Divider label={t('portal.signIn.or')} labelPosition="center" />
      {passkey.isError ? (
        <FormErrorAlert
          error={passkey.error}
          title={t('portal.signIn.passkeyFailed')}
          message={cancelled ? t('portal.signIn.passkeyCancelled') : undefined}
        />
      ) : null}
      <Button
        variant="default"
        size="md"
        fullWidth
        leftSection={<IconFingerprint size={20} aria-hidden="true" />}
        loading={passkey.isPending}
        aria-describedby="passkey-help"
        onClick={() => {
          passkey.mutate(undefined, {
            onSuccess: () => {
              void navigate(afterSignInPath(location.state), { replace: true });
            },
          });
        }}
      >
        {t('portal.signIn.passkey')}
      </Button>
      <Text id="passkey-help" size="xs" c="dimmed">
        {t('portal.signIn.passkeyHelp')}
      </Text>
    </Stack>
  );
}
