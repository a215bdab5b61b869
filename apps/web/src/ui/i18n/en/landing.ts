export const landing = {
  documentTitle: 'Welcome',
  tagline: 'The patient portal for independent practices.',
  portal: {
    title: 'Patient portal',
    body: 'For patients: sign in to see your care information and stay in touch with your practice.',
    cta: 'Go to the patient portal',
  },
  practice: {
    title: 'Practice console',
    body: 'For practice staff: manage patients, imports and your practice settings.',
    cta: 'Go to the practice console',
  },
};
