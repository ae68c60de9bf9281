import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API } from './auth.api';
import { AuthStore } from './auth.store';
import { returnUrlParams } from './return-url';

/**
 * Calls whose 401 is an answer, not an expired session: "who am I", the password step, and the code step
 * (a wrong TOTP code is a 401 too).
 */
const ANSWERS_WITH_401 = [`${API}/auth/me`, `${API}/auth/sign-in`, `${API}/auth/mfa`];

/** On a 401 from any other API call the session is gone: forget the user and ask them to sign in again. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const router = inject(Router);
  const store = inject(AuthStore);
  return next(req).pipe(
    catchError((err: unknown) => {
      const path = req.url.split('?')[0] ?? '';
      if (
        err instanceof HttpErrorResponse && err.status === 401 && path.startsWith(`${API}/`) && !ANSWERS_WITH_401.includes(path)
      ) {
        store.clear();
        void router.navigate(['/sign-in'], { queryParams: { ...returnUrlParams(router.url), expired: '1' } });
      }
      return throwError(() => err);
    }),
  );
};
