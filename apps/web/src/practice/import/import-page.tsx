import { Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { ImportView } from './import-view.tsx';
import { RecentImports } from './recent-imports.tsx';
import { UploadCard } from './upload-card.tsx';

/** Upload → preview → import with progress. The current import's id lives in the URL. */
export function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const activeId = params.get('import');

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Stack gap="xl">
        {activeId ? (
          <ImportView
            key={activeId}
            id={activeId}
            onStartOver={() => {
              setParams({});
            }}
          />
        ) : (
          <UploadCard
            onPreview={(preview) => {
              setParams({ import: preview.id });
            }}
          />
        )}
        <RecentImports />
      </Stack>
    </>
  );
}
