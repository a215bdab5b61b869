import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state.tsx';

interface NotFoundStateProps {
  title?: string;
  description?: string;
  backTo?: string;
  backLabel?: string;
}

/** "This doesn't exist" inside a page (the page keeps its own `<h1>`). */
export function NotFoundState({ title, description, backTo, backLabel }: NotFoundStateProps) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconMapOff size={32} stroke={1.5} aria-hidden="true" />}
      title={title ?? t('common.notFound.title')}
      description={description ?? t('common.notFound.description')}
      action={
        backTo ? (
          <Button component={Link} to={backTo} variant="default">
            {backLabel ?? t('common.notFound.home')}
          </Button>
        ) : null
      }
    />
  );
}
