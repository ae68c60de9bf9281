import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Permission, SessionStage } from '@tessera/contracts';
import { AuthStore } from './auth.store';
import { returnUrlParams, stagePath } from './return-url';

/** Only fully signed-in users pass; others go to sign-in or to the step they still have to finish. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const me = await store.load();
  if (!me) return router.createUrlTree(['/sign-in'], { queryParams: returnUrlParams(state.url) });
  if (me.stage !== 'active') return router.createUrlTree([stagePath(me.stage)], { queryParams: returnUrlParams(state.url) });
  return true;
};

/** Only users holding the permission pass; others see the "access denied" page. */
export function permissionGuard(permission: Permission): CanActivateFn {
  return async () => {
    const store = inject(AuthStore);
    const router = inject(Router);
    await store.load();
    return store.can(permission) || router.createUrlTree(['/forbidden']);
  };
}

/**
 * Guards the sign-in pages: `null` is the password page (for signed-out users only); a stage is the page completing
 * that stage (only for a session at that stage). Anyone else is sent where they belong, keeping the return URL.
 */
export function signInStageGuard(stage: Exclude<SessionStage, 'active'> | null): CanActivateFn {
  return async (route) => {
    const store = inject(AuthStore);
    const router = inject(Router);
    const me = await store.load();
    const params = returnUrlParams(route.queryParamMap.get('returnUrl'));
    if (!me) return stage === null || router.createUrlTree(['/sign-in'], { queryParams: params });
    if (me.stage === stage) return true;
    if (me.stage === 'active') return router.parseUrl(params['returnUrl'] ?? '/');
    return router.createUrlTree([stagePath(me.stage)], { queryParams: params });
  };
}
