import type { Routes } from '@angular/router';
import { authGuard, permissionGuard } from './core/auth.guards';

export const routes: Routes = [
  {
    path: 'sign-in',
    loadChildren: () => import('./sign-in/sign-in.routes').then((m) => m.signInRoutes),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/shell/shell').then((m) => m.Shell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Home · Tessera',
        loadComponent: () => import('./core/home/home').then((m) => m.Home),
      },
      {
        path: 'staff',
        canActivate: [permissionGuard('staff:read')],
        loadChildren: () => import('./staff/staff.routes').then((m) => m.staffRoutes),
      },
      {
        // Each page carries its own permission guard (search, read, import differ).
        path: 'registry',
        loadChildren: () => import('./registry/registry.routes').then((m) => m.registryRoutes),
      },
      {
        path: 'keys',
        title: 'Issuer keys · Tessera',
        canActivate: [permissionGuard('issuer-key:read')],
        loadComponent: () => import('./keys/keys-page').then((m) => m.KeysPage),
      },
      {
        path: 'inspector',
        title: 'Card inspector · Tessera',
        canActivate: [permissionGuard('card:inspect')],
        loadComponent: () => import('./inspector/inspector-page').then((m) => m.InspectorPage),
      },
      {
        path: 'audit',
        canActivate: [permissionGuard('audit:read')],
        loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'account/sessions',
        title: 'My sessions · Tessera',
        canActivate: [permissionGuard('session:manage-own')],
        loadComponent: () => import('./account/sessions-page').then((m) => m.SessionsPage),
      },
      {
        path: 'forbidden',
        title: 'Access denied · Tessera',
        loadComponent: () => import('./shared/message-page').then((m) => m.MessagePage),
        data: { heading: 'Access denied', message: 'Your roles do not give access to that page.' },
      },
      {
        path: '**',
        title: 'Page not found · Tessera',
        loadComponent: () => import('./shared/message-page').then((m) => m.MessagePage),
      },
    ],
  },
];
