import type { MessageTopic } from '@portico/contracts';

/**
 * The subject stored for a patient-started thread (the console shows it; the portal shows the
 * topic translated from its own catalog).
 */
export const topicLabels: Record<MessageTopic, string> = {
  medical_question: 'Medical question',
  appointments: 'Appointments',
  prescriptions: 'Prescriptions',
  billing: 'Billing',
  exercise_program: 'Exercise program',
  other: 'Something else',
};
