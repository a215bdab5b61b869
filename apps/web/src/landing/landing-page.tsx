import type { ReactNode } from 'react';
import { Button, Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingHospital, IconHeartHandshake } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../ui/components/brand-mark.tsx';
import { SimpleShell } from '../ui/shells/simple-shell.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

function Choice(props: { to: string; title: string; body: string; cta: string; icon: ReactNode }) {
  return (
    <Card withBorder padding="lg" radius="md" component="section">
      <Stack gap="sm" align="flex-start" h="100%">
        <ThemeIcon size="xl" radius="md" variant="light" aria-hidden="true">
          {props.icon}
        </ThemeIcon>
        <Title order={2} size="h3">
          {props.title}
        </Title>
        <Text size="sm" style={{ flex: 1 }}>
          {props.body}
        </Text>
        <Button component={Link} to={props.to}>
          {props.cta}
        </Button>
      </Stack>
    </Card>
  );
}

export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle(t('landing.documentTitle'));
  return (
    <SimpleShell size="md" brand={<BrandMark label={t('common.appName')} />}>
      <Stack gap="xl">
        <Stack gap="xs">
          <Title order={1}>{t('common.appName')}</Title>
          <Text size="lg">{t('landing.tagline')}</Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Choice
            to="/portal"
            title={t('landing.portal.title')}
            body={t('landing.portal.body')}
            cta={t('landing.portal.cta')}
            icon={<IconHeartHandshake size={26} />}
          />
          <Choice
            to="/practice"
            title={t('landing.practice.title')}
            body={t('landing.practice.body')}
            cta={t('landing.practice.cta')}
            icon={<IconBuildingHospital size={26} />}
          />
        </SimpleGrid>
      </Stack>
    </SimpleShell>
  );
}
