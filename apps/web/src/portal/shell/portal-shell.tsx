import type { ReactNode } from 'react';
import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import type { PublicPractice } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/components/brand-mark.tsx';
import { SimpleShell } from '../../ui/shells/simple-shell.tsx';

/** Mobile-first frame for patients, branded with their practice when known. */
export function PortalShell({
  practice,
  children,
}: {
  practice?: PublicPractice | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const brand = practice ? (
    <Group gap="sm" wrap="nowrap" miw={0}>
      {practice.logoUrl ? (
        <Image src={practice.logoUrl} alt="" h={36} w="auto" fit="contain" />
      ) : null}
      <Text fw={700} size="lg" truncate>
        {practice.name}
      </Text>
    </Group>
  ) : (
    <BrandMark label={t('common.appName')} sub={t('portal.tagline')} />
  );
  const footer = (
    <Stack gap={4}>
      {practice?.phone ? (
        <Text size="sm">
          {t('portal.footer.questions', { name: practice.name })}{' '}
          <Anchor href={`tel:${practice.phone.replace(/[^+\d]/g, '')}`}>{practice.phone}</Anchor>
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('portal.footer.poweredBy')}
      </Text>
    </Stack>
  );
  return (
    <SimpleShell size={480} brand={brand} footer={footer}>
      {children}
    </SimpleShell>
  );
}
