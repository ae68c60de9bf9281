import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { PortalClientResponse } from '@tessera/contracts';
import { problemMessage } from '../core/problem';
import { KEY_REASON_MIN, openReasonDialog } from '../core/reason-dialog';
import { PortalClientsApi } from './keys.api';
import { PortalClientCreateDialog } from './portal-client-create-dialog';

/** The resident portal's machine credentials: list, create (credential shown once), revoke. Key administrators only. */
@Component({
  selector: 'tsr-portal-clients-panel',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .header {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      h2 {
        margin: 0;
      }
    }
    .revoked {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .empty {
      padding: 16px;
      text-align: center;
    }
  `,
  template: `
    <section aria-labelledby="portal-clients-heading" data-testid="portal-clients">
      <div class="header">
        <h2 id="portal-clients-heading">Resident portal clients</h2>
        <span class="tsr-spacer"></span>
        <button mat-stroked-button type="button" data-testid="portal-client-create" (click)="create()">
          <mat-icon svgIcon="add" />
          New portal client
        </button>
      </div>
      <p class="tsr-muted">
        The state's resident portal calls <code>POST /api/v1/portal/cards</code> with one of these credentials to obtain
        a matched resident's card. Revoking a client stops its credential at once.
      </p>
      @if (error(); as error) {
        <div class="tsr-error" role="alert">
          {{ error }}
          <button mat-button type="button" (click)="load()">Try again</button>
        </div>
      }
      <div class="tsr-progress-slot">
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading portal clients" />
        }
      </div>
      <div class="tsr-table-wrapper">
        <table mat-table [dataSource]="clients()" aria-labelledby="portal-clients-heading">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>Name</th>
            <td mat-cell *matCellDef="let c">{{ c.name }}</td>
          </ng-container>
          <ng-container matColumnDef="createdAt">
            <th mat-header-cell *matHeaderCellDef>Created</th>
            <td mat-cell *matCellDef="let c">
              {{ c.createdAt | date: 'yyyy-MM-dd HH:mm' }}
              @if (c.createdBy) {
                <span class="tsr-muted">by {{ c.createdBy }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="lastUsedAt">
            <th mat-header-cell *matHeaderCellDef>Last used</th>
            <td mat-cell *matCellDef="let c">{{ c.lastUsedAt ? (c.lastUsedAt | date: 'yyyy-MM-dd HH:mm') : 'Never' }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>Status</th>
            <td mat-cell *matCellDef="let c">
              @if (c.revokedAt) {
                <span class="revoked">Revoked {{ c.revokedAt | date: 'yyyy-MM-dd HH:mm' }}</span>
              } @else {
                Active
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="tsr-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let c">
              @if (!c.revokedAt) {
                <button mat-button type="button" data-testid="portal-client-revoke" [attr.aria-label]="'Revoke ' + c.name"
                  (click)="revoke(c)">Revoke…</button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let c; columns: columns" data-testid="portal-client-row" [attr.data-name]="c.name"></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">{{ loading() ? 'Loading…' : 'No portal clients yet.' }}</td>
          </tr>
        </table>
      </div>
    </section>
  `,
})
export class PortalClientsPanel {
  private readonly api = inject(PortalClientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'createdAt', 'lastUsedAt', 'status', 'actions'];
  protected readonly clients = signal<PortalClientResponse[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list().subscribe({
      next: (clients) => {
        this.loading.set(false);
        this.clients.set(clients);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(problemMessage(err));
      },
    });
  }

  protected create(): void {
    this.dialog
      .open<PortalClientCreateDialog, void, PortalClientResponse>(PortalClientCreateDialog, { width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        this.snackBar.open(`Portal client ${created.name} created.`, 'Close');
        this.load();
      });
  }

  protected revoke(client: PortalClientResponse): void {
    openReasonDialog<PortalClientResponse>(this.dialog, {
      minLength: KEY_REASON_MIN,
      title: `Revoke portal client ${client.name}?`,
      description: `The portal can no longer obtain cards with ${client.name}'s credential. This cannot be undone.`,
      confirmLabel: 'Revoke client',
      destructive: true,
      confirmation: 'I understand that the credential stops working at once.',
      submit: (reason) => this.api.revoke(client.id, reason),
    }).subscribe((revoked) => {
      if (!revoked) return;
      this.snackBar.open(`Portal client ${revoked.name} revoked.`, 'Close');
      this.load();
    });
  }
}
