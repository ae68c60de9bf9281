import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import type { IssuedCardResponse, PersonResponse } from '@tessera/contracts';
import { problemMessage } from '../core/problem';
import { shortKid } from '../keys/key-state-chip';
import { CopyButton } from '../shared/copy-button';
import { CardDownloads } from './card-downloads';
import { CardsApi, cardDownloadUrl } from './cards.api';
import { vaccineGroupChoices } from './vaccine-groups';

export interface IssueCardDialogData {
  person: PersonResponse;
  /** The case number the record was opened with, if any (prefilled). */
  caseNumber: string | null;
}

/** The server's rule (IssueCardDto.caseNumber). */
const CASE_NUMBER = /^[A-Za-z0-9-]{3,40}$/;

/**
 * Issues a SMART Health Card: which doses (one vaccine group, COVID-19 by default; entered-in-error doses cannot be
 * chosen), the channel, an optional case number. On success the QR and the downloads are shown; the dialog closes
 * with the card.
 */
@Component({
  selector: 'tsr-issue-card-dialog',
  imports: [
    CardDownloads, CopyButton, DatePipe, MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule,
    MatInputModule, MatProgressBarModule, MatRadioModule, ReactiveFormsModule,
  ],
  templateUrl: './issue-card-dialog.html',
  styleUrl: './issue-card-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IssueCardDialog {
  protected readonly data = inject<IssueCardDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(CardsApi);
  private readonly ref = inject<MatDialogRef<IssueCardDialog, IssuedCardResponse>>(MatDialogRef);

  protected readonly name = [this.data.person.givenNames, this.data.person.familyName].filter(Boolean).join(' ');
  protected readonly groups = vaccineGroupChoices(this.data.person.immunizations);
  protected readonly form = inject(NonNullableFormBuilder).group({
    group: [this.groups[0]?.group ?? ''],
    channel: ['helpdesk' as 'helpdesk' | 'print', [Validators.required]],
    caseNumber: [this.data.caseNumber ?? '', [Validators.pattern(CASE_NUMBER)]],
  });
  private readonly groupValue = signal(this.form.controls.group.value);
  protected readonly current = computed(() => this.groups.find((g) => g.group === this.groupValue()) ?? null);
  /** Chosen immunization ids (completed doses of the current group only). */
  protected readonly selected = signal<ReadonlySet<string>>(this.allCompleted(this.form.controls.group.value));

  protected readonly triedSubmit = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly issued = signal<IssuedCardResponse | null>(null);
  /** The QR image failed to load (shown as a message with a retry instead of a broken image). */
  protected readonly qrFailed = signal(false);
  private readonly qrAttempt = signal(0);
  protected readonly qrUrl = computed(() => {
    const card = this.issued();
    if (!card) return null;
    const attempt = this.qrAttempt();
    return cardDownloadUrl(card.id, 'qr.png') + (attempt > 0 ? `?attempt=${attempt}` : '');
  });

  constructor() {
    this.form.controls.group.valueChanges.pipe(takeUntilDestroyed()).subscribe((group) => {
      this.groupValue.set(group);
      this.selected.set(this.allCompleted(group));
    });
  }

  protected shortKid(kid: string): string {
    return shortKid(kid);
  }

  protected toggle(id: string, checked: boolean): void {
    this.selected.update((cur) => {
      const next = new Set(cur);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected submit(): void {
    if (this.pending()) return;
    this.triedSubmit.set(true);
    const { channel, caseNumber } = this.form.getRawValue();
    const ids = [...this.selected()];
    if (this.form.invalid || ids.length === 0) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    const trimmed = caseNumber.trim();
    this.api
      .issue({ personId: this.data.person.id, immunizationIds: ids, channel, ...(trimmed ? { caseNumber: trimmed } : {}) })
      .subscribe({
        next: (card) => {
          this.pending.set(false);
          this.ref.disableClose = false;
          this.issued.set(card);
        },
        error: (err: unknown) => {
          this.pending.set(false);
          this.ref.disableClose = false;
          this.error.set(problemMessage(err));
        },
      });
  }

  protected retryQr(): void {
    this.qrFailed.set(false);
    this.qrAttempt.update((n) => n + 1);
  }

  protected close(): void {
    this.ref.close(this.issued() ?? undefined);
  }

  private allCompleted(group: string): ReadonlySet<string> {
    const choice = this.groups.find((g) => g.group === group);
    return new Set((choice?.doses ?? []).filter((d) => d.status === 'completed').map((d) => d.id));
  }
}
