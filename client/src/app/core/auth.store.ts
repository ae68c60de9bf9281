import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { MeResponse, Permission } from '@tessera/contracts';
import { AuthApi } from './auth.api';

/** Who is signed in, as signals. Loaded once from GET /auth/me, then kept up to date by the sign-in steps. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly state = signal<MeResponse | null>(null);
  private pending: Promise<MeResponse | null> | null = null;
  private known = false;

  /** The signed-in staff member (at any sign-in stage), or null. */
  readonly me = this.state.asReadonly();
  /** True once every sign-in step is done. */
  readonly active = computed(() => this.state()?.stage === 'active');
  /** Permissions count only for a session that has finished signing in. */
  readonly permissions = computed<ReadonlySet<Permission>>(() => {
    const me = this.state();
    return new Set(me?.stage === 'active' ? me.permissions : []);
  });

  /** Whether the signed-in user holds a permission (reactive: reads the permissions signal). */
  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  set(me: MeResponse): void {
    this.known = true;
    this.state.set(me);
  }

  clear(): void {
    this.known = true;
    this.pending = null;
    this.state.set(null);
  }

  /** The current user, asking the server only the first time (a 401 or any failure means "not signed in"). */
  load(): Promise<MeResponse | null> {
    if (this.known) return Promise.resolve(this.state());
    this.pending ??= firstValueFrom(this.api.me()).then(
      (me) => {
        this.set(me);
        return me;
      },
      () => {
        this.clear();
        return null;
      },
    );
    return this.pending;
  }
}
