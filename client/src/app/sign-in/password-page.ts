import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AuthFlow } from '../core/auth-flow';
import { AuthApi } from '../core/auth.api';
import { fieldErrorsOf, problemMessage } from '../core/problem';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@tessera/contracts/vocabulary';


function sameAsNew(control: AbstractControl): ValidationErrors | null {
  const newPassword = control.parent?.get('newPassword')?.value as string | undefined;
  return control.value && newPassword !== undefined && control.value !== newPassword ? { mismatch: true } : null;
}

/** Forced password change: the password just used was a one-time password. */
@Component({
  selector: 'tsr-password-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  templateUrl: './password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordPage {
  readonly returnUrl = input<string>();

  private readonly api = inject(AuthApi);
  private readonly flow = inject(AuthFlow);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Messages from the server for single fields (e.g. "too common"). */
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    confirmPassword: ['', [Validators.required, sameAsNew]],
  });

  constructor() {
    this.form.controls.newPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirmPassword.updateValueAndValidity({ emitEvent: false }));
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.pending.set(true);
    this.error.set(null);
    this.serverErrors.set({});
    this.api
      .changePassword({ currentPassword, newPassword })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (me) => {
          this.pending.set(false);
          void this.flow.proceed(me, this.returnUrl());
        },
        error: (err: unknown) => {
          this.pending.set(false);
          this.error.set(problemMessage(err));
          const fields = fieldErrorsOf(err);
          this.serverErrors.set(fields);
          for (const name of ['currentPassword', 'newPassword'] as const) {
            if (fields[name]) this.form.controls[name].setErrors({ server: true });
          }
        },
      });
  }

  protected cancel(): void {
    void this.flow.signOut();
  }
}
