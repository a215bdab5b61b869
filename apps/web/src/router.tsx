import { Navigate, Outlet, createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { LandingPage } from './landing/landing-page.tsx';
import { PracticeLayout } from './practice/shell/practice-layout.tsx';
import { RequireRole } from './practice/shell/require-role.tsx';
import { RequireStaff } from './practice/session/require-staff.tsx';
import { FullPageLoading, NotFoundPage, RouteErrorPage } from './ui/components/route-pages.tsx';
import { PracticeNotFound } from './practice/shell/practice-not-found.tsx';

/** Screens load on demand: a patient on a phone never downloads the console. */
const practiceRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/practice/patients" replace /> },
  {
    path: 'patients',
    lazy: async () => ({
      Component: (await import('./practice/patients/patient-list-page.tsx')).PatientListPage,
    }),
  },
  {
    path: 'patients/new',
    lazy: async () => ({
      Component: (await import('./practice/patients/patient-new-page.tsx')).PatientNewPage,
    }),
  },
  {
    path: 'patients/:id',
    lazy: async () => ({
      Component: (await import('./practice/patients/patient-detail-page.tsx')).PatientDetailPage,
    }),
  },
  {
    path: 'patients/:id/edit',
    lazy: async () => ({
      Component: (await import('./practice/patients/patient-edit-page.tsx')).PatientEditPage,
    }),
  },
  {
    element: <RequireRole section="import" />,
    children: [
      {
        path: 'import',
        lazy: async () => ({
          Component: (await import('./practice/import/import-page.tsx')).ImportPage,
        }),
      },
    ],
  },
  {
    element: <RequireRole section="admin" />,
    children: [
      {
        path: 'audit',
        lazy: async () => ({
          Component: (await import('./practice/audit/audit-page.tsx')).AuditPage,
        }),
      },
      {
        // Admins only: messages there will carry sign-in links.
        path: 'dev-mailbox',
        lazy: async () => ({
          Component: (await import('./practice/dev-mailbox/mailbox-page.tsx')).MailboxPage,
        }),
      },
      {
        path: 'settings/invitation-templates',
        lazy: async () => ({
          Component: (await import('./practice/settings/invitation-templates-page.tsx'))
            .InvitationTemplatesPage,
        }),
      },
    ],
  },
  {
    path: 'messages',
    lazy: async () => ({
      Component: (await import('./practice/messages/inbox-page.tsx')).InboxPage,
    }),
  },
  {
    path: 'messages/bulk',
    lazy: async () => ({
      Component: (await import('./practice/messages/bulk-message-page.tsx')).BulkMessagePage,
    }),
  },
  {
    path: 'messages/:threadId',
    lazy: async () => ({
      Component: (await import('./practice/messages/thread-page.tsx')).ThreadPage,
    }),
  },
  {
    path: 'settings',
    lazy: async () => ({
      Component: (await import('./practice/settings/settings-page.tsx')).SettingsPage,
    }),
  },
  { path: '*', element: <PracticeNotFound /> },
];

const routes: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageLoading />,
    children: [
      { path: '/', element: <LandingPage /> },
      {
        path: '/portal',
        lazy: async () => ({
          Component: (await import('./portal/sign-in/portal-sign-in-page.tsx')).PortalSignInPage,
        }),
      },
      {
        path: '/portal/forgot-password',
        lazy: async () => ({
          Component: (await import('./portal/sign-in/forgot-password-page.tsx')).ForgotPasswordPage,
        }),
      },
      {
        // A patient's invitation link (issue 3): the only way to register.
        path: '/portal/register/:token',
        lazy: async () => ({
          Component: (await import('./portal/registration/registration-page.tsx')).RegistrationPage,
        }),
      },
      {
        path: '/portal/reset-password/:token',
        lazy: async () => ({
          Component: (await import('./portal/sign-in/reset-password-page.tsx')).ResetPasswordPage,
        }),
      },
      {
        // The signed-in portal. Static segments outrank `:practiceSlug` (slugs are reserved).
        lazy: async () => ({
          Component: (await import('./portal/session/portal-layout.tsx')).PortalLayout,
        }),
        children: [
          {
            path: '/portal/home',
            lazy: async () => ({
              Component: (await import('./portal/account/portal-home-page.tsx')).PortalHomePage,
            }),
          },
          {
            path: '/portal/security',
            lazy: async () => ({
              Component: (await import('./portal/account/security-page.tsx')).SecurityPage,
            }),
          },
          {
            path: '/portal/sessions',
            lazy: async () => ({
              Component: (await import('./portal/account/sessions-page.tsx')).SessionsPage,
            }),
          },
          {
            path: '/portal/messages',
            lazy: async () => ({
              Component: (await import('./portal/messages/messages-page.tsx')).MessagesPage,
            }),
          },
          {
            path: '/portal/messages/new',
            lazy: async () => ({
              Component: (await import('./portal/messages/new-message-page.tsx')).NewMessagePage,
            }),
          },
          {
            path: '/portal/messages/:threadId',
            lazy: async () => ({
              Component: (await import('./portal/messages/thread-page.tsx')).PortalThreadPage,
            }),
          },
          {
            path: '/portal/notifications',
            lazy: async () => ({
              Component: (await import('./portal/messages/notification-settings-page.tsx'))
                .NotificationSettingsPage,
            }),
          },
        ],
      },
      {
        path: '/portal/:practiceSlug',
        lazy: async () => ({
          Component: (await import('./portal/sign-in/portal-sign-in-page.tsx'))
            .PracticePortalSignInPage,
        }),
      },
      {
        path: '/practice/sign-in',
        lazy: async () => ({
          Component: (await import('./practice/session/sign-in-page.tsx')).SignInPage,
        }),
      },
      {
        path: '/practice/set-password',
        lazy: async () => ({
          Component: (await import('./practice/session/set-password-page.tsx')).SetPasswordPage,
        }),
      },
      {
        path: '/practice',
        element: <RequireStaff />,
        children: [{ element: <PracticeLayout />, children: practiceRoutes }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}

export type AppRouter = ReturnType<typeof createRouter>;
