import type { Page } from 'playwright-core';

export type MessagingPolicy =
  'practice_only' | 'patients_to_their_providers' | 'patients_to_anyone';

export interface MessagingSettings {
  policy: MessagingPolicy;
  autoCloseHours: number;
  guidelineBanner: string;
  version: number;
}

const url = '/api/practice/messaging-settings';

/** The practice's messaging settings, read through a signed-in staff page. */
export async function readMessagingSettings(staff: Page): Promise<MessagingSettings> {
  const res = await staff.request.get(url);
  if (!res.ok()) throw new Error(`messaging settings: ${res.status()} ${await res.text()}`);
  return (await res.json()) as MessagingSettings;
}

/**
 * Puts back the policy, auto-close hours and banner of `original` (an admin's page), so the
 * journeys that run after this one find the practice as it was.
 */
export async function restoreMessagingSettings(
  staff: Page,
  original: MessagingSettings,
): Promise<void> {
  const now = await readMessagingSettings(staff);
  if (
    now.policy === original.policy &&
    now.autoCloseHours === original.autoCloseHours &&
    now.guidelineBanner === original.guidelineBanner
  )
    return;
  const res = await staff.request.put(url, {
    data: {
      policy: original.policy,
      autoCloseHours: original.autoCloseHours,
      guidelineBanner: original.guidelineBanner,
      version: now.version,
    },
  });
  if (!res.ok()) throw new Error(`restore messaging settings: ${res.status()} ${await res.text()}`);
}
