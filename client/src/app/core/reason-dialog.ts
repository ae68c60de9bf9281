import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef, type MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Observable } from 'rxjs';
import { problemMessage } from '../core/problem';

/** The server's rule for key and portal-client operations (KeyReasonDto): at least 5 characters, at most 500. */
export const KEY_REASON_MIN = 5;
export const REASON_MAX = 500;

export interface ReasonDialogData<T> {
  title: string;
  /** What will happen, in a sentence or two. */
  description: string;
  confirmLabel: string;
  /** Shortest reason the server accepts (default 1: any non-blank text). */
  minLength?: number;
  /** Styles the confirm button as destructive and requires ticking `confirmation` first. */
  destructive?: boolean;
  /** "I understand …": must be ticked before a destructive action is sent. */
  confirmation?: string;
  /**
   * Recognises an error that asks for an explicit acknowledgement (activation of a key published for less than the
   * lead time): the dialog then shows the server's explanation and the `acknowledgement` checkbox, and the next
   * attempt passes `acknowledged = true`.
   */
  needsAcknowledgement?: (err: unknown) => boolean;
  acknowledgement?: string;
  /** Performs the action; the dialog closes with its result, or stays open showing the error. */
  submit: (reason: string, acknowledged: boolean) => Observable<T>;
}

/**
 * Asks for the (required, audited) reason of an administrative action (staff changes, key operations), with an
 * optional confirmation for destructive ones, then performs it. Problems from the server stay in the dialog,
 * readable, so the administrator can correct and retry.
 */
@Component({
  selector: 'tsr-reason-dialog',
  imports: [
    MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ data.description }}</p>
        @if (notice(); as notice) {
          <p class="tsr-notice" role="alert" data-testid="reason-notice">{{ notice }}</p>
        }
        @if (error(); as error) {
          <p class="tsr-error" role="alert" data-testid="reason-error">{{ error }}</p>
        }
        <mat-form-field class="tsr-full-width" subscriptSizing="dynamic">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="3" [maxlength]="max" data-testid="reason-text" required
            cdkFocusInitial></textarea>
          <mat-hint>Recorded in the audit log with the action, e.g. a ticket number.</mat-hint>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>A reason is required.</mat-error>
          } @else if (form.controls.reason.hasError('minlength')) {
            <mat-error>Write at least {{ min }} characters.</mat-error>
          }
        </mat-form-field>
        @if (data.destructive && data.confirmation) {
          <mat-checkbox formControlName="confirmed" data-testid="reason-confirm-check">{{ data.confirmation }}</mat-checkbox>
          @if (triedSubmit() && !form.controls.confirmed.value) {
            <p class="invalid" role="alert">Tick the box to confirm.</p>
          }
        }
        @if (askAcknowledgement()) {
          <mat-checkbox formControlName="acknowledged" data-testid="reason-acknowledge">{{ data.acknowledgement }}</mat-checkbox>
          @if (triedSubmit() && !form.controls.acknowledged.value) {
            <p class="invalid" role="alert">Tick the box to go ahead anyway, or cancel and wait.</p>
          }
        }
        <div class="tsr-progress-slot">
          @if (pending()) {
            <mat-progress-bar mode="indeterminate" aria-label="Working" />
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="pending()">Cancel</button>
        <button mat-flat-button type="submit" data-testid="reason-submit" [class.destructive]="data.destructive"
          [disabled]="pending()">{{ data.confirmLabel }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
    .invalid {
      margin: 0 0 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ReasonDialog<T> {
  protected readonly data = inject<ReasonDialogData<T>>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReasonDialog<T>, T>>(MatDialogRef);

  protected readonly min = this.data.minLength ?? 1;
  protected readonly max = REASON_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(this.min), Validators.maxLength(REASON_MAX), Validators.pattern(/\S/)]],
    confirmed: [false],
    acknowledged: [false],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The server's explanation of why an acknowledgement is needed (not an error: a decision to make). */
  protected readonly notice = signal<string | null>(null);
  protected readonly triedSubmit = signal(false);
  protected readonly askAcknowledgement = signal(false);

  protected submit(): void {
    if (this.pending()) return;
    this.triedSubmit.set(true);
    const { reason, confirmed, acknowledged } = this.form.getRawValue();
    const needsConfirm = !!this.data.destructive && !!this.data.confirmation;
    if (this.form.invalid || reason.trim().length < this.min || (needsConfirm && !confirmed) || (this.askAcknowledgement() && !acknowledged)) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    this.data.submit(reason.trim(), this.askAcknowledgement() && acknowledged).subscribe({
      next: (result) => this.ref.close(result),
      error: (err: unknown) => {
        this.pending.set(false);
        this.ref.disableClose = false;
        if (!this.askAcknowledgement() && this.data.needsAcknowledgement?.(err)) {
          this.notice.set(problemMessage(err));
          this.askAcknowledgement.set(true);
          this.triedSubmit.set(false);
          return;
        }
        this.error.set(problemMessage(err));
      },
    });
  }
}

/** Opens the dialog; emits the action's result, or undefined when cancelled. */
export function openReasonDialog<T>(dialog: MatDialog, data: ReasonDialogData<T>): Observable<T | undefined> {
  return dialog
    .open<ReasonDialog<T>, ReasonDialogData<T>, T>(ReasonDialog, { data, width: '560px', maxWidth: '95vw' })
    .afterClosed();
}
