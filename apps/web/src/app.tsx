import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import type { ApiError } from './ui/api-client.ts';
import { createI18n } from './ui/i18n/index.ts';
import { createQueryClient } from './ui/query-client.ts';
import { cssVariablesResolver, theme } from './ui/theme.ts';
import { isPublicPracticePath, signInPath } from './practice/session/paths.ts';
import { createRouter } from './router.tsx';
import type { AppRouter } from './router.tsx';

/** A 401 from any console call ends the visit: back to sign-in, then to where the user was. */
function redirectToSignIn(router: AppRouter, error: ApiError, clear: () => void): void {
  const { pathname, search } = router.state.location;
  if (!pathname.startsWith('/practice') || isPublicPracticePath(pathname)) return;
  void router
    .navigate(signInPath(pathname + search, error.code === 'SESSION_EXPIRED'), { replace: true })
    .then(clear);
}

function createApp() {
  const i18n = createI18n();
  const holder: { router?: AppRouter } = {};
  const queryClient = createQueryClient((error) => {
    if (holder.router)
      redirectToSignIn(holder.router, error, () => {
        queryClient.clear();
      });
  });
  const router = createRouter();
  holder.router = router;
  return { i18n, queryClient, router };
}

export function App() {
  const [{ i18n, queryClient, router }] = useState(createApp);
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        forceColorScheme="light"
      >
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
