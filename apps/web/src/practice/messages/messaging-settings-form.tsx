import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Group, NumberInput, Radio, Stack, Textarea } from '@mantine/core';
import { messagingPolicies } from '@portico/contracts';
import type { MessagingPolicyName, MessagingSettings } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useIsAdmin } from '../session/staff-context.ts';
import { issueFor } from '../settings/issues.ts';
import { useSaveMessagingSettings } from './settings-api.ts';

const maxAutoCloseHours = 24 * 90;
const maxBannerLength = 500;

interface MessagingSettingsFormProps {
  settings: MessagingSettings;
  /** Fetch the latest settings (after a conflict). */
  onReload: () => void;
  /** Saved: the form remounts with the new version, so the parent shows the notice. */
  onSaved: () => void;
}

/** Remounted (keyed by version) whenever fresh settings arrive, so it starts from them. */
export function MessagingSettingsForm({ settings, onReload, onSaved }: MessagingSettingsFormProps) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const save = useSaveMessagingSettings();
  const [policy, setPolicy] = useState<MessagingPolicyName>(settings.policy);
  const [hours, setHours] = useState<number | string>(settings.autoCloseHours);
  const [banner, setBanner] = useState(settings.guidelineBanner);
  const [hoursError, setHoursError] = useState<string | undefined>();

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = typeof hours === 'number' ? hours : Number.NaN;
    if (!Number.isInteger(value) || value < 0 || value > maxAutoCloseHours) {
      setHoursError(t('consoleMessages.settings.autoCloseInvalid', { max: maxAutoCloseHours }));
      return;
    }
    setHoursError(undefined);
    save.mutate(
      { policy, autoCloseHours: value, guidelineBanner: banner.trim(), version: settings.version },
      { onSuccess: onSaved },
    );
  };

  const conflict = isApiError(save.error, 'CONFLICT');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {save.isError ? (
          <FormErrorAlert
            error={save.error}
            message={conflict ? t('consoleMessages.settings.conflict') : undefined}
          >
            {conflict ? (
              <Button size="xs" variant="default" onClick={onReload}>
                {t('consoleMessages.settings.reload')}
              </Button>
            ) : null}
          </FormErrorAlert>
        ) : null}
        <Radio.Group
          label={t('consoleMessages.settings.policyLabel')}
          value={policy}
          onChange={(value) => {
            setPolicy(messagingPolicies.find((p) => p === value) ?? 'practice_only');
          }}
          error={issueFor(save.error, 'policy')}
        >
          <Stack gap="sm" mt="xs">
            {messagingPolicies.map((p) => (
              <Radio
                key={p}
                value={p}
                disabled={!isAdmin}
                label={t(`consoleMessages.settings.policy.${p}.label`)}
                description={t(`consoleMessages.settings.policy.${p}.description`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <NumberInput
          label={t('consoleMessages.settings.autoCloseLabel')}
          description={t('consoleMessages.settings.autoCloseHint')}
          value={hours}
          onChange={setHours}
          min={0}
          max={maxAutoCloseHours}
          allowDecimal={false}
          allowNegative={false}
          disabled={!isAdmin}
          error={hoursError ?? issueFor(save.error, 'autoCloseHours')}
          maw={420}
          suffix={` ${t('consoleMessages.settings.hoursSuffix')}`}
        />
        <Textarea
          label={t('consoleMessages.settings.bannerLabel')}
          description={t('consoleMessages.settings.bannerHint', {
            used: banner.length,
            max: maxBannerLength,
          })}
          value={banner}
          onChange={(e) => {
            setBanner(e.currentTarget.value);
          }}
          maxLength={maxBannerLength}
          autosize
          minRows={2}
          disabled={!isAdmin}
          error={issueFor(save.error, 'guidelineBanner')}
          placeholder={t('consoleMessages.settings.bannerPlaceholder')}
        />
        {isAdmin ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.actions.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
