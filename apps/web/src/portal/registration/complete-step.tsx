import { Alert, Button, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../ui/components/detail-list.tsx';
import { useRegistration } from './registration-context.ts';

/** Step 4: what was set up, and the way in (phone verification already opened the session). */
export function CompleteStep() {
  const { t } = useTranslation();
  const { state } = useRegistration();
  const phone = state.phoneCodeSentTo ?? state.phoneOnFile;
  return (
    <Stack gap="lg">
      <Alert role="status" color="portico" icon={<IconCircleCheck aria-hidden="true" />}>
        {t('registration.complete.body')}
      </Alert>
      <DetailList
        cols={1}
        items={[
          { label: t('registration.complete.practice'), value: state.practice.name },
          {
            label: t('registration.complete.email'),
            value: t('registration.complete.emailVerified', { email: state.email ?? '' }),
          },
          {
            label: t('registration.complete.phone'),
            value: phone
              ? t('registration.complete.phoneVerified', { phone })
              : t('registration.complete.verified'),
          },
        ]}
      />
      <Button component={Link} to="/portal/home" size="md" fullWidth>
        {t('registration.complete.goToPortal')}
      </Button>
    </Stack>
  );
}
