import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { Subscription } from 'rxjs';
import type { CardChannel, CardResponse, IssuedCardResponse, PersonResponse } from '@tessera/contracts';
import { AuthStore } from '../core/auth.store';
import { Can } from '../core/can.directive';
import { problemMessage } from '../core/problem';
import { shortKid } from '../keys/key-state-chip';
import { CardDownloads } from './card-downloads';
import { CardsApi } from './cards.api';
import { IssueCardDialog, type IssueCardDialogData } from './issue-card-dialog';

const CHANNEL_LABELS: Readonly<Record<CardChannel, string>> = {
  helpdesk: 'Help desk',
  portal: 'Resident portal',
  print: 'Print',
  bulk: 'Bulk',
};

/** The person view's Cards section: the cards issued for the resident, their downloads, and issuing a new one. */
@Component({
  selector: 'tsr-person-cards',
  imports: [Can, CardDownloads, DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .header {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 8px;
      h2 {
        margin: 0;
      }
    }
    .nowrap {
      white-space: nowrap;
    }
    .empty {
      padding: 16px;
      text-align: center;
    }
  `,
  template: `
    <section aria-labelledby="person-cards-heading" data-testid="person-cards">
      <div class="header">
        <h2 id="person-cards-heading">Vaccination cards</h2>
        <span class="tsr-spacer"></span>
        <button *tsrCan="'card:issue'" mat-flat-button type="button" data-testid="issue-card" (click)="issue()">
          <mat-icon svgIcon="add" />
          Issue card
        </button>
      </div>
      @if (auth.can('card:read')) {
        @if (error(); as error) {
          <div class="tsr-error" role="alert" data-testid="person-cards-error">
            {{ error }}
            <button mat-button type="button" (click)="load()">Try again</button>
          </div>
        }
        <div class="tsr-progress-slot">
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" aria-label="Loading the cards" />
          }
        </div>
        <div class="tsr-table-wrapper">
          <table mat-table [dataSource]="cards()" aria-labelledby="person-cards-heading">
            <ng-container matColumnDef="issuedAt">
              <th mat-header-cell *matHeaderCellDef>Issued</th>
              <td mat-cell *matCellDef="let c" class="nowrap">
                {{ c.issuedAt | date: 'yyyy-MM-dd HH:mm' }}
                @if (c.issuedBy) {
                  <span class="tsr-muted">by {{ c.issuedBy }}</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="channel">
              <th mat-header-cell *matHeaderCellDef>Channel</th>
              <td mat-cell *matCellDef="let c">{{ channelLabel(c.channel) }}</td>
            </ng-container>
            <ng-container matColumnDef="kid">
              <th mat-header-cell *matHeaderCellDef>Signing key</th>
              <td mat-cell *matCellDef="let c"><code [title]="c.kid">{{ shortKid(c.kid) }}</code></td>
            </ng-container>
            <ng-container matColumnDef="doses">
              <th mat-header-cell *matHeaderCellDef>Doses</th>
              <td mat-cell *matCellDef="let c" [title]="doseTitle(c)">{{ c.doses.length }}</td>
            </ng-container>
            <ng-container matColumnDef="qrVersion">
              <th mat-header-cell *matHeaderCellDef>QR version</th>
              <td mat-cell *matCellDef="let c">{{ c.qrVersion }}</td>
            </ng-container>
            <ng-container matColumnDef="downloads">
              <th mat-header-cell *matHeaderCellDef>Downloads</th>
              <td mat-cell *matCellDef="let c"><tsr-card-downloads [cardId]="c.id" /></td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let c; columns: columns" data-testid="card-row" [attr.data-card-id]="c.id"></tr>
            <tr class="mat-mdc-row" *matNoDataRow>
              <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">{{ loading() ? 'Loading…' : 'No card issued yet.' }}</td>
            </tr>
          </table>
        </div>
      }
    </section>
  `,
})
export class PersonCards {
  readonly person = input.required<PersonResponse>();
  /** The case number the record was opened with (prefills the issue dialog). */
  readonly caseNumber = input<string | null>(null);

  private readonly api = inject(CardsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly auth = inject(AuthStore);

  protected readonly columns = ['issuedAt', 'channel', 'kid', 'doses', 'qrVersion', 'downloads'];
  protected readonly cards = signal<CardResponse[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private request: Subscription | null = null;

  constructor() {
    // Reload whenever another person is shown.
    effect(() => {
      const id = this.person().id;
      untracked(() => this.load(id));
    });
  }

  load(personId = this.person().id): void {
    if (!this.auth.can('card:read')) return;
    this.request?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.request = this.api.forPerson(personId).subscribe({
      next: (cards) => {
        this.loading.set(false);
        this.cards.set([...cards].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)));
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(problemMessage(err));
      },
    });
  }

  protected channelLabel(channel: CardChannel): string {
    return CHANNEL_LABELS[channel];
  }

  protected shortKid(kid: string): string {
    return shortKid(kid);
  }

  protected doseTitle(card: CardResponse): string {
    return card.doses.map((d) => `${d.occurrenceDate} ${d.vaccine}`).join('\n');
  }

  protected issue(): void {
    this.dialog
      .open<IssueCardDialog, IssueCardDialogData, IssuedCardResponse>(IssueCardDialog, {
        data: { person: this.person(), caseNumber: this.caseNumber() },
        width: '720px',
        maxWidth: '95vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((card) => {
        if (card) this.snackBar.open('Card issued.', 'Close');
        // Also after Escape: a card may have been issued before the dialog was dismissed.
        this.load();
      });
  }
}
