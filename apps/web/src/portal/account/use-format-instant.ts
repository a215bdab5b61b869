import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';

/** Instants in the patient's own time zone (the device's), in the interface language. */
export function useFormatInstant(): (iso: string) => string {
  const { i18n } = useTranslation();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return useCallback(
    (iso: string) => formatDateTime(iso, timeZone, i18n.language),
    [timeZone, i18n.language],
  );
}
