import { Card, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../ui/components/detail-list.tsx';
import { useStaff } from '../session/staff-context.ts';

export function PracticeProfile() {
  const { t } = useTranslation();
  const me = useStaff();
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="section"
      aria-labelledby="practice-profile-title"
    >
      <Title order={2} size="h3" mb="sm" id="practice-profile-title">
        {t('settings.profile.title')}
      </Title>
      <DetailList
        cols={4}
        items={[
          { label: t('settings.profile.name'), value: me.practice.name },
          { label: t('settings.profile.slug'), value: me.practice.slug },
          { label: t('settings.profile.timeZone'), value: me.practice.timeZone },
          { label: t('settings.profile.yourRole'), value: t(`common.roles.${me.role}`) },
        ]}
      />
    </Card>
  );
}
