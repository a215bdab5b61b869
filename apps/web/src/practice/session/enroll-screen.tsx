import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceMobile, IconFingerprint } from '@tabler/icons-react';
import type { TotpEnrollment } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { TotpKeyBlock } from '../../ui/components/totp-key-block.tsx';
import { createPasskey, passkeysSupported } from '../../ui/components/passkey-prompt.ts';
import type { PasskeyProblem } from '../../ui/components/passkey-prompt.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { deviceKind, groupSecret } from '../../portal/account/rules.ts';
import { sixDigitCode } from '../../portal/account/six-digit-code.ts';
import {
  useConfirmTotp,
  usePasskeyCreationOptions,
  useRegisterPasskey,
  useStartTotp,
} from './api.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';
import { FocusedTitle, StepHeading } from './focused-title.tsx';
import { LeaveLink } from './leave-link.tsx';
import { useSessionEnd } from './use-session-end.ts';

type Step =
  | { kind: 'choose'; back: boolean }
  | { kind: 'totp'; enrollment: TotpEnrollment }
  | { kind: 'passkey' };

/** The first factor's recovery codes, shown once (null only if the factor was not the first). */
type OnEnrolled = (codes: string[] | null) => void;

/**
 * First sign-in of a staff member without a second factor: set one up (an authenticator app, or
 * a passkey where the browser has them). Ends with the recovery codes (`onEnrolled`).
 */
export function EnrollScreen({ onEnrolled }: { onEnrolled: OnEnrolled }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'choose', back: false });
  const back = () => {
    setStep({ kind: 'choose', back: true });
  };

  return (
    <PracticeAuthLayout>
      <Stack gap="md">
        <FocusedTitle title={t('practiceAuth.mfa.enroll.title')} />
        <Text size="sm">{t('practiceAuth.mfa.enroll.intro')}</Text>
        {step.kind === 'choose' ? (
          <ChooseStep
            focus={step.back}
            onTotp={(enrollment) => {
              setStep({ kind: 'totp', enrollment });
            }}
            onPasskey={() => {
              setStep({ kind: 'passkey' });
            }}
          />
        ) : null}
        {step.kind === 'totp' ? (
          <TotpStep enrollment={step.enrollment} onEnrolled={onEnrolled} onBack={back} />
        ) : null}
        {step.kind === 'passkey' ? <PasskeyStep onEnrolled={onEnrolled} onBack={back} /> : null}
        <Divider />
        <LeaveLink label={t('practiceAuth.mfa.signOut')} />
      </Stack>
    </PracticeAuthLayout>
  );
}

/**
 * The authenticator app starts on request, not on arrival: starting one replaces any setup in
 * progress, so the screen never starts one behind the back of another tab (or a test helper).
 */
function ChooseStep({
  focus,
  onTotp,
  onPasskey,
}: {
  focus: boolean;
  onTotp: (enrollment: TotpEnrollment) => void;
  onPasskey: () => void;
}) {
  const { t } = useTranslation();
  const start = useStartTotp();
  const sessionEnd = useSessionEnd();
  return (
    <Stack gap="sm">
      <StepHeading title={t('practiceAuth.mfa.enroll.chooseHeading')} focus={focus} />
      {start.isError ? (
        <FormErrorAlert error={start.error} title={t('practiceAuth.mfa.enroll.startFailed')} />
      ) : null}
      <Button
        fullWidth
        leftSection={<IconDeviceMobile size={18} aria-hidden="true" />}
        loading={start.isPending}
        aria-describedby="mfa-app-help"
        onClick={() => {
          start.mutate(undefined, { onSuccess: onTotp, onError: sessionEnd });
        }}
      >
        {t('practiceAuth.mfa.enroll.useApp')}
      </Button>
      <Text id="mfa-app-help" size="xs" c="dimmed">
        {t('practiceAuth.mfa.enroll.appHelp')}
      </Text>
      {passkeysSupported() ? (
        <>
          <Button
            variant="default"
            fullWidth
            leftSection={<IconFingerprint size={18} aria-hidden="true" />}
            aria-describedby="mfa-passkey-help"
            onClick={onPasskey}
          >
            {t('practiceAuth.mfa.enroll.usePasskey')}
          </Button>
          <Text id="mfa-passkey-help" size="xs" c="dimmed">
            {t('practiceAuth.mfa.enroll.passkeyHelp')}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}

/** Step 1: scan the QR code (or open the link on a phone, or type the key). Step 2: the code. */
function TotpStep({
  enrollment,
  onEnrolled,
  onBack,
}: {
  enrollment: TotpEnrollment;
  onEnrolled: OnEnrolled;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmTotp();
  const sessionEnd = useSessionEnd();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = sixDigitCode(typed);
    setInvalid(code === null);
    if (!code) return;
    confirm.mutate(
      { factorId: enrollment.factorId, code },
      {
        onSuccess: (result) => {
          onEnrolled(result.codes);
        },
        onError: (error) => {
          if (!sessionEnd(error)) setTyped('');
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Stack gap="xs">
        <StepHeading title={t('practiceAuth.mfa.totp.scanHeading')} focus />
        <Text size="sm">{t('practiceAuth.mfa.totp.scanHelp')}</Text>
        <TotpKeyBlock
          enrollment={enrollment}
          groupedSecret={groupSecret(enrollment.secret)}
          text={(key) => t(`practiceAuth.mfa.totp.${key}`)}
        />
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <StepHeading title={t('practiceAuth.mfa.totp.codeHeading')} />
          {confirm.isError && !invalid ? (
            <FormErrorAlert error={confirm.error} title={t('practiceAuth.mfa.totp.failed')} />
          ) : null}
          <TextInput
            label={t('practiceAuth.mfa.totp.codeLabel')}
            description={t('practiceAuth.mfa.totp.codeHint')}
            value={typed}
            onChange={(event) => {
              setTyped(event.currentTarget.value);
            }}
            error={invalid ? t('practiceAuth.mfa.totp.codeInvalid') : undefined}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            w={{ base: '100%', xs: 220 }}
            styles={{ input: { fontFamily: 'monospace', fontSize: 20, letterSpacing: 4 } }}
            required
          />
          <Group gap="sm">
            <Button type="submit" loading={confirm.isPending}>
              {t('practiceAuth.mfa.totp.confirm')}
            </Button>
            <Button variant="subtle" onClick={onBack}>
              {t('practiceAuth.mfa.totp.back')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** A passkey as the first factor: a name, then the browser's own prompt. */
function PasskeyStep({ onEnrolled, onBack }: { onEnrolled: OnEnrolled; onBack: () => void }) {
  const { t } = useTranslation();
  const options = usePasskeyCreationOptions();
  const register = useRegisterPasskey();
  const sessionEnd = useSessionEnd();
  const [label, setLabel] = useState(() =>
    t(`practiceAuth.mfa.passkey.deviceLabel.${deviceKind(navigator.userAgent)}`),
  );
  const [labelMissing, setLabelMissing] = useState(false);
  const [problem, setProblem] = useState<PasskeyProblem | null>(null);
  const [creating, setCreating] = useState(false);

  const add = async () => {
    const name = label.trim();
    setLabelMissing(name === '');
    if (name === '') return;
    setProblem(null);
    options.reset();
    register.reset();
    setCreating(true);
    try {
      let optionsJSON;
      try {
        optionsJSON = await options.mutateAsync(undefined);
      } catch (error) {
        sessionEnd(error);
        return; // shown from options.error
      }
      const created = await createPasskey(optionsJSON);
      if ('problem' in created) {
        setProblem(created.problem);
        return;
      }
      register.mutate(
        { response: created.response, label: name },
        {
          onSuccess: (result) => {
            onEnrolled(result.recoveryCodes);
          },
          onError: sessionEnd,
        },
      );
    } finally {
      setCreating(false);
    }
  };

  const failure = options.error ?? register.error;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <Stack gap="sm">
        <StepHeading title={t('practiceAuth.mfa.passkey.heading')} focus />
        <Text size="sm">{t('practiceAuth.mfa.enroll.passkeyHelp')}</Text>
        {failure ? (
          <FormErrorAlert error={failure} title={t('practiceAuth.mfa.passkey.failed')} />
        ) : null}
        {problem ? (
          <FormErrorAlert
            error={problem}
            message={t(`practiceAuth.mfa.passkey.problem.${problem}`)}
            title={t('practiceAuth.mfa.passkey.failed')}
          />
        ) : null}
        <TextInput
          label={t('practiceAuth.mfa.passkey.labelLabel')}
          description={t('practiceAuth.mfa.passkey.labelHint')}
          value={label}
          onChange={(event) => {
            setLabel(event.currentTarget.value);
          }}
          error={labelMissing ? t('practiceAuth.mfa.passkey.labelRequired') : undefined}
          maxLength={60}
          required
        />
        <Group gap="sm">
          <Button
            type="submit"
            loading={creating || register.isPending}
            leftSection={<IconFingerprint size={16} aria-hidden="true" />}
          >
            {t('practiceAuth.mfa.passkey.add')}
          </Button>
          <Button variant="subtle" onClick={onBack}>
            {t('practiceAuth.mfa.totp.back')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
