import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { Role, RoleResponse } from '@tessera/contracts';
import { API } from './auth.api';

/** The role catalogue (GET /roles), fetched once and shared. */
@Injectable({ providedIn: 'root' })
export class RolesStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<readonly RoleResponse[]>([]);
  private requested = false;

  readonly roles = this.state.asReadonly();
  readonly error = signal<unknown>(null);
  private readonly labels = computed(() => new Map(this.state().map((r) => [r.role, r.label] as const)));

  /** Starts loading the catalogue unless it is loaded or on its way. */
  ensureLoaded(): void {
    if (this.requested) return;
    this.requested = true;
    this.http.get<RoleResponse[]>(`${API}/roles`).subscribe({
      next: (roles) => this.state.set(roles),
      error: (err: unknown) => {
        this.requested = false;
        this.error.set(err);
      },
    });
  }

  /** The human label of a role (its code until the catalogue has loaded). */
  label(role: string): string {
    return this.labels().get(role as Role) ?? role;
  }
}
