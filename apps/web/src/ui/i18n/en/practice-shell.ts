/** The console frame: navigation, header, access notices. */
export const practiceShell = {
  navLabel: 'Practice console',
  nav: {
    patients: 'Patients',
    import: 'Import',
    audit: 'Audit log',
    devMailbox: 'Dev mailbox',
    settings: 'Settings',
  },
  signOut: 'Sign out',
  backToPatients: 'Back to patients',
  adminOnly: {
    title: 'Administrators only',
    heading: 'You do not have access to this page',
    description: 'Only practice administrators can see this. Ask an administrator if you need it.',
  },
  importOnly: {
    title: 'Import patients',
    heading: 'You do not have access to this page',
    description:
      'Only administrators and front desk staff can import patients. Ask an administrator if you need it.',
  },
  inviteOnly: {
    title: 'Portal invitations',
    heading: 'You do not have access to this page',
    description:
      'Only administrators, clinicians and front desk staff can send portal invitations. Ask an administrator if you need it.',
  },
};
