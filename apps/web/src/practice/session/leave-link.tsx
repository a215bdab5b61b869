import { Anchor } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSignOut } from './api.ts';

/** "Sign out" / "Start again" on the second-factor screens: ends the half-signed-in session. */
export function LeaveLink({ label }: { label: string }) {
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      style={{ alignSelf: 'flex-start' }}
      disabled={signOut.isPending}
      onClick={() => {
        signOut.mutate(undefined, {
          onSettled: () => {
            void navigate('/practice/sign-in', { replace: true });
          },
        });
      }}
    >
      {label}
    </Anchor>
  );
}
