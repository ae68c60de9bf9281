import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Observable } from 'rxjs';
import { problemMessage } from '../core/problem';

export interface ReasonDialogData<T> {
  title: string;
  /** What will happen, in a sentence or two. */
  description: string;
  confirmLabel: string;
  /** Styles the confirm button as a destructive action. */
  destructive?: boolean;
  /** Performs the action; the dialog closes with its result, or stays open showing the error. */
  submit: (reason: string) => Observable<T>;
}

/** Asks for the (required, audited) reason of an administrative action, then performs it. */
@Component({
  selector: 'tsr-reason-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ data.description }}</p>
        @if (error(); as error) {
          <p class="tsr-error" role="alert" data-testid="reason-error">{{ error }}</p>
        }
        <mat-form-field class="tsr-full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="3" maxlength="500" data-testid="reason" required
            cdkFocusInitial></textarea>
          <mat-hint>Recorded in the audit log. For example, a ticket number.</mat-hint>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>A reason is required.</mat-error>
          }
        </mat-form-field>
        <div class="tsr-progress-slot">
          @if (pending()) {
            <mat-progress-bar mode="indeterminate" aria-label="Working" />
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" data-testid="reason-confirm" [class.destructive]="data.destructive"
          [disabled]="pending()">{{ data.confirmLabel }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ReasonDialog<T> {
  protected readonly data = inject<ReasonDialogData<T>>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReasonDialog<T>, T>>(MatDialogRef);

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(500), Validators.pattern(/\S/)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    this.data.submit(this.form.getRawValue().reason.trim()).subscribe({
      next: (result) => this.ref.close(result),
      error: (err: unknown) => {
        this.pending.set(false);
        this.ref.disableClose = false;
        this.error.set(problemMessage(err));
      },
    });
  }
}
