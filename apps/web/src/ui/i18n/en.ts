import { audit } from './en/audit.ts';
import { common } from './en/common.ts';
import { imports } from './en/imports.ts';
import { invitations } from './en/invitations.ts';
import { landing } from './en/landing.ts';
import { mailbox } from './en/mailbox.ts';
import { patients } from './en/patients.ts';
import { portal } from './en/portal.ts';
import { registration } from './en/registration.ts';
import { portalAccount } from './en/portal-account.ts';
import { practiceAuth } from './en/practice-auth.ts';
import { practiceShell } from './en/practice-shell.ts';
import { settings } from './en/settings.ts';
import { consoleMessages } from './en/console-messages.ts';
import { portalMessages } from './en/portal-messages.ts';

/**
 * The English catalog, one namespace per area/screen. A translation (Spanish first) provides a
 * `Catalog`-shaped object with the same keys; plural keys use i18next's `_one` / `_other`.
 */
export const en = {
  common,
  landing,
  practiceAuth,
  practiceShell,
  patients,
  invitations,
  imports,
  audit,
  mailbox,
  settings,
  portal,
  registration,
  portalAccount,
  consoleMessages,
  portalMessages,
};

export type Catalog = typeof en;
