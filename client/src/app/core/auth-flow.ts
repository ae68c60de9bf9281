import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { MeResponse } from '@tessera/contracts';
import { AuthApi } from './auth.api';
import { AuthStore } from './auth.store';
import { returnUrlParams, safeReturnUrl, stagePath } from './return-url';

/** Moves the user along the sign-in stages, and out again. */
@Injectable({ providedIn: 'root' })
export class AuthFlow {
  private readonly api = inject(AuthApi);
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);

  /** Records the new state of the session and goes to the next step, or to the return URL once active. */
  proceed(me: MeResponse, returnUrl: string | null | undefined): Promise<boolean> {
    this.store.set(me);
    if (me.stage === 'active') return this.router.navigateByUrl(safeReturnUrl(returnUrl) ?? '/');
    return this.router.navigate([stagePath(me.stage)], { queryParams: returnUrlParams(returnUrl) });
  }

  /** Ends the session on the server (best effort) and returns to the sign-in page. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.api.signOut());
    } catch {
      // The session may already be gone; signing out locally is what matters here.
    }
    this.store.clear();
    await this.router.navigateByUrl('/sign-in');
  }
}
