import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { AuthStore } from '../auth.store';
import { RolesStore } from '../roles.store';

/** Landing page: a welcome and the user's roles. */
@Component({
  selector: 'tsr-home',
  imports: [DatePipe, MatCardModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './home.scss',
  template: `
    <section class="tsr-page">
      @if (me(); as me) {
        <h1>Welcome, {{ me.displayName }}</h1>
        <mat-card appearance="outlined" class="card">
          <mat-card-content>
            <h2>Your roles</h2>
            <ul data-testid="my-roles">
              @for (role of me.roles; track role) {
                <li>{{ roles.label(role) }}</li>
              } @empty {
                <li>You hold no roles yet. A staff administrator can grant them.</li>
              }
            </ul>
            <p class="tsr-muted">
              Signed in as {{ me.username }}. This session ends at the latest on {{ me.expiresAt | date: 'medium' }}.
            </p>
          </mat-card-content>
        </mat-card>
        <p class="tsr-notice">
          This release of the Tessera console covers staff administration, the audit log and your own sessions. Other
          areas, such as issuing SMART Health Cards, arrive with later releases.
        </p>
      }
    </section>
  `,
})
export class Home {
  protected readonly me = inject(AuthStore).me;
  protected readonly roles = inject(RolesStore);

  constructor() {
    this.roles.ensureLoaded();
  }
}
