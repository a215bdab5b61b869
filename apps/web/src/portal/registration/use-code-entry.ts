import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { issueFor } from './form-rules.ts';

interface CodeVerify {
  mutate: (body: { code: string }, options: { onError: (error: unknown) => void }) => void;
}

/**
 * The 6-digit code typed for a verification step: checked for length before it is sent, and the
 * server's word on it shown on the field.
 */
export function useCodeEntry(verify: CodeVerify, invalidMessage: string) {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (code.length !== 6) {
      setCodeError(invalidMessage);
      return;
    }
    setCodeError(null);
    verify.mutate(
      { code },
      {
        onError: (error) => {
          setCodeError(issueFor(error, 'code'));
        },
      },
    );
  };

  return { code, setCode, codeError, submit };
}
