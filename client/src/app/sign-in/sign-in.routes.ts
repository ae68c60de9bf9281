import type { Routes } from '@angular/router';
import { signInStageGuard } from '../core/auth.guards';
import { SignInFrame } from './sign-in-frame';

export const signInRoutes: Routes = [
  {
    path: '',
    component: SignInFrame,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Sign in · Tessera',
        canActivate: [signInStageGuard(null)],
        loadComponent: () => import('./sign-in-page').then((m) => m.SignInPage),
      },
      {
        path: 'mfa',
        title: 'Verification code · Tessera',
        canActivate: [signInStageGuard('mfa')],
        loadComponent: () => import('./mfa-page').then((m) => m.MfaPage),
      },
      {
        path: 'password',
        title: 'Choose a new password · Tessera',
        canActivate: [signInStageGuard('password_change')],
        loadComponent: () => import('./password-page').then((m) => m.PasswordPage),
      },
      {
        path: 'enrol',
        title: 'Set up your authenticator · Tessera',
        canActivate: [signInStageGuard('mfa_enrolment')],
        loadComponent: () => import('./enrol-page').then((m) => m.EnrolPage),
      },
    ],
  },
];
