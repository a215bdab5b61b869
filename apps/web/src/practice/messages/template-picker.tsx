import { useState } from 'react';
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/error-text.ts';
import { renderTemplate, templatesQuery } from './compose-api.ts';

interface TemplatePickerProps {
  /** Templates are filled in for this patient; without one the picker waits. */
  patientId: string | null;
  onFill: (filled: { subject: string; body: string }) => void;
}

/** Picks a message template and fills the subject and body with it for the chosen patient. */
export function TemplatePicker({ patientId, onFill }: TemplatePickerProps) {
  const { t } = useTranslation();
  const templates = useQuery(templatesQuery);
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const items = templates.data?.items ?? [];

  const pick = async (id: string | null) => {
    setValue(id);
    setProblem(null);
    if (!id || !patientId) return;
    setBusy(true);
    try {
      onFill(await renderTemplate(id, patientId));
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  let description = t('consoleMessages.compose.templateHint');
  if (!patientId) description = t('consoleMessages.compose.templateNeedsPatient');
  else if (templates.isError) description = t('consoleMessages.compose.templatesUnavailable');
  else if (templates.isSuccess && items.length === 0)
    description = t('consoleMessages.compose.templatesNone');

  return (
    <Select
      label={t('consoleMessages.compose.template')}
      description={description}
      placeholder={t('consoleMessages.compose.templatePlaceholder')}
      data={items.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
      value={value}
      onChange={(id) => {
        void pick(id);
      }}
      disabled={!patientId || items.length === 0 || busy}
      clearable
      error={problem}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
