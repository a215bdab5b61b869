import { NativeSelect } from '@mantine/core';
import type { ComposeOptions, MessageTopic } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

/** The "Office staff" choice (no provider): only when the practice allows it. */
export const officeStaffValue = 'office';

export interface Recipient {
  to: string;
  locationId: string;
  topic: MessageTopic | '';
}

interface RecipientFieldsProps {
  options: ComposeOptions;
  value: Recipient;
  onChange: (value: Recipient) => void;
  /** Show the "choose one" errors (after Send). */
  checked: boolean;
}

export function recipientComplete(value: Recipient, options: ComposeOptions): boolean {
  return (
    value.to !== '' &&
    value.topic !== '' &&
    (options.locations.length === 0 || value.locationId !== '')
  );
}

/** Who to write to, at which office, and about what: native selects (phones show their own picker). */
export function RecipientFields({ options, value, onChange, checked }: RecipientFieldsProps) {
  const { t } = useTranslation();
  const placeholder = (label: string) => ({ value: '', label, disabled: true });
  const people = [
    placeholder(t('portalMessages.newMessage.chooseProvider')),
    ...options.providers.map((p) => ({ value: p.id, label: p.name })),
    ...(options.officeStaffAllowed
      ? [{ value: officeStaffValue, label: t('portalMessages.newMessage.officeStaff') }]
      : []),
  ];
  return (
    <>
      <NativeSelect
        label={t('portalMessages.newMessage.to')}
        data={people}
        value={value.to}
        onChange={(event) => {
          onChange({ ...value, to: event.currentTarget.value });
        }}
        error={
          checked && value.to === '' ? t('portalMessages.newMessage.providerRequired') : undefined
        }
        required
      />
      {options.locations.length > 0 ? (
        <NativeSelect
          label={t('portalMessages.newMessage.location')}
          data={[
            placeholder(t('portalMessages.newMessage.chooseLocation')),
            ...options.locations.map((l) => ({ value: l.id, label: l.name })),
          ]}
          value={value.locationId}
          onChange={(event) => {
            onChange({ ...value, locationId: event.currentTarget.value });
          }}
          error={
            checked && value.locationId === ''
              ? t('portalMessages.newMessage.locationRequired')
              : undefined
          }
          required
        />
      ) : null}
      <NativeSelect
        label={t('portalMessages.newMessage.subject')}
        data={[
          placeholder(t('portalMessages.newMessage.chooseSubject')),
          ...options.topics.map((topic) => ({
            value: topic,
            label: t(`portalMessages.topics.${topic}`),
          })),
        ]}
        value={value.topic}
        onChange={(event) => {
          const topic = options.topics.find((x) => x === event.currentTarget.value) ?? '';
          onChange({ ...value, topic });
        }}
        error={
          checked && value.topic === '' ? t('portalMessages.newMessage.subjectRequired') : undefined
        }
        required
      />
    </>
  );
}
