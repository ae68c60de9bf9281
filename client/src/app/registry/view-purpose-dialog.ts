import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { ViewPurpose } from '@tessera/contracts';
import { CASE_NUMBER_PATTERN, VIEW_PURPOSE_OPTIONS, needsCaseNumber, type ViewChoice } from './view-purpose';

export interface ViewPurposeDialogData {
  /** The person's name, when known (from the search results). */
  name?: string;
  /** Preselected values (e.g. from an incomplete URL). */
  purpose?: ViewPurpose | null;
  caseNumber?: string | null;
}

/** Case number: required (and checked) only for the purposes that need one. */
function caseNumberRule(control: AbstractControl<string>): ValidationErrors | null {
  const purpose = control.parent?.get('purpose')?.value as ViewPurpose | null | undefined;
  if (!needsCaseNumber(purpose)) return null;
  const caseNumber = control.value.trim();
  if (caseNumber === '') return { required: true };
  return CASE_NUMBER_PATTERN.test(caseNumber) ? null : { pattern: true };
}

/** Asks for the (audited) purpose of opening a resident's record, and a case number where the purpose needs one. */
@Component({
  selector: 'tsr-view-purpose-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .purposes {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      margin: 0 0 16px;
    }
    .legend {
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
    }
    .invalid {
      margin: 0 0 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  template: `
    <h2 mat-dialog-title>Why are you opening this record?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          @if (data.name) {
            You are about to open the record of <strong>{{ data.name }}</strong>.
          } @else {
            You are about to open a resident's record.
          }
          The purpose is recorded in the audit log with the view.
        </p>
        <p id="view-purpose-legend" class="legend">Purpose</p>
        <mat-radio-group
          class="purposes"
          formControlName="purpose"
          aria-labelledby="view-purpose-legend"
          [attr.aria-describedby]="showPurposeError() ? 'view-purpose-error' : null"
          data-testid="view-purpose-options"
        >
          @for (option of options; track option.value) {
            <mat-radio-button [value]="option.value" [attr.data-testid]="'view-purpose-' + option.value">
              {{ option.label }}
            </mat-radio-button>
          }
        </mat-radio-group>
        @if (showPurposeError()) {
          <p id="view-purpose-error" class="invalid" role="alert">Choose a purpose.</p>
        }
        @if (caseNeeded()) {
          <mat-form-field class="tsr-full-width">
            <mat-label>Case number</mat-label>
            <input matInput formControlName="caseNumber" autocomplete="off" spellcheck="false" maxlength="40" required
              data-testid="view-case-number" />
            <mat-hint>3–40 letters, digits or dashes, e.g. SUP-2024-0042.</mat-hint>
            @if (form.controls.caseNumber.hasError('required')) {
              <mat-error>A case number is required for this purpose.</mat-error>
            } @else if (form.controls.caseNumber.hasError('pattern')) {
              <mat-error>Use 3–40 letters, digits or dashes.</mat-error>
            }
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="view-cancel">Cancel</button>
        <button mat-flat-button type="submit" data-testid="view-open">Open record</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ViewPurposeDialog {
  protected readonly data = inject<ViewPurposeDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ViewPurposeDialog, ViewChoice>>(MatDialogRef);

  protected readonly options = VIEW_PURPOSE_OPTIONS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    purpose: [(this.data.purpose ?? null) as ViewPurpose | null, [Validators.required]],
    caseNumber: [this.data.caseNumber ?? '', [caseNumberRule]],
  });
  private readonly purpose = toSignal(this.form.controls.purpose.valueChanges, { initialValue: this.form.controls.purpose.value });
  protected readonly caseNeeded = computed(() => needsCaseNumber(this.purpose()));

  constructor() {
    // The case-number rule depends on the purpose (and the control had no parent when first validated).
    this.form.controls.caseNumber.updateValueAndValidity();
    this.form.controls.purpose.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.caseNumber.updateValueAndValidity());
  }

  protected readonly triedSubmit = signal(false);

  protected showPurposeError(): boolean {
    return this.triedSubmit() && this.form.controls.purpose.invalid;
  }

  protected submit(): void {
    this.triedSubmit.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { purpose, caseNumber } = this.form.getRawValue();
    if (!purpose) return;
    this.ref.close({ purpose, caseNumber: needsCaseNumber(purpose) ? caseNumber.trim() : null });
  }
}
