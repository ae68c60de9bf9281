import type { Routes } from '@angular/router';
import { permissionGuard } from '../core/auth.guards';

export const registryRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Find a person · Tessera',
    canActivate: [permissionGuard('person:search')],
    loadComponent: () => import('./person-search-page').then((m) => m.PersonSearchPage),
  },
  {
    // The title stays generic on purpose: no resident's name in the tab title or the browser history.
    path: 'persons/:id',
    title: 'Person record · Tessera',
    canActivate: [permissionGuard('person:read')],
    loadComponent: () => import('./person-page').then((m) => m.PersonPage),
  },
  {
    path: 'imports',
    title: 'Registry imports · Tessera',
    canActivate: [permissionGuard('registry:import')],
    loadComponent: () => import('./imports-page').then((m) => m.ImportsPage),
  },
];
