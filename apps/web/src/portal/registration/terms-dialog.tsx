import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';

export type LegalDocument = 'terms' | 'privacy';

/** The practice's terms of use or privacy notice (placeholder text from the catalog). */
export function TermsDialog({
  document,
  onClose,
}: {
  document: LegalDocument | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const title =
    document === 'privacy'
      ? t('registration.legal.privacyTitle')
      : t('registration.legal.termsTitle');
  const paragraphs =
    document === 'privacy'
      ? t('registration.legal.privacyBody', { returnObjects: true })
      : t('registration.legal.termsBody', { returnObjects: true });
  return (
    <AppModal opened={document !== null} onClose={onClose} title={title}>
      <Stack gap="sm">
        {paragraphs.map((paragraph) => (
          <Text key={paragraph} size="sm">
            {paragraph}
          </Text>
        ))}
        <Button onClick={onClose} variant="default">
          {t('common.actions.close')}
        </Button>
      </Stack>
    </AppModal>
  );
}
