import type { Routes } from '@angular/router';

export const staffRoutes: Routes = [
  {
    path: '',
    title: 'Staff · Tessera',
    loadComponent: () => import('./staff-list').then((m) => m.StaffList),
  },
];
