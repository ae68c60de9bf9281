import type { Routes } from '@angular/router';

export const auditRoutes: Routes = [
  {
    path: '',
    title: 'Audit log · Tessera',
    loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
  },
];
