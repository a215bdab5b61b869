import { Button, Group, Text } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { messageTemplateVariables } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

/** Buttons that insert `{{variable}}` into the message; each is filled per patient. */
export function VariableButtons({ onInsert }: { onInsert: (token: string) => void }) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-labelledby="bulk-variables-label">
      <Text size="sm" fw={500} id="bulk-variables-label">
        {t('consoleMessages.bulk.variables')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('consoleMessages.bulk.variablesHint')}
      </Text>
      <Group gap={6}>
        {messageTemplateVariables.map((variable) => (
          <Button
            key={variable}
            size="compact-sm"
            variant="default"
            leftSection={<IconBraces size={14} aria-hidden="true" />}
            aria-label={t('consoleMessages.bulk.insertVariable', {
              variable: `{{${variable}}}`,
              meaning: t(`consoleMessages.variables.${variable}`),
            })}
            title={t(`consoleMessages.variables.${variable}`)}
            onClick={() => {
              onInsert(`{{${variable}}}`);
            }}
          >
            {variable}
          </Button>
        ))}
      </Group>
    </div>
  );
}
