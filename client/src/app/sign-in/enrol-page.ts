import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MeResponse, MfaEnrolmentResponse } from '@tessera/contracts';
import { AuthFlow } from '../core/auth-flow';
import { AuthApi } from '../core/auth.api';
import { AuthStore } from '../core/auth.store';
import { fieldErrorsOf, problemMessage } from '../core/problem';
import { RecoveryCodes } from './recovery-codes';
import { SecretKey } from './secret-key';

/** MFA enrolment: scan (or type) the new key, confirm with a code, then save the recovery codes. */
@Component({
  selector: 'tsr-enrol-page',
  imports: [
    MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule, RecoveryCodes,
    SecretKey,
  ],
  templateUrl: './enrol-page.html',
  styleUrl: './enrol-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnrolPage {
  readonly returnUrl = input<string>();

  private readonly api = inject(AuthApi);
  private readonly flow = inject(AuthFlow);
  private readonly store = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly enrolment = signal<MfaEnrolmentResponse | null>(null);
  protected readonly loading = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly codeError = signal<string | null>(null);
  /** Set once enrolled: the codes to show, and who the user now is. */
  protected readonly recoveryCodes = signal<readonly string[] | null>(null);
  private enrolledMe: MeResponse | null = null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}\s*\d{3}\s*$/)]],
  });

  constructor() {
    this.start();
  }

  /** Asks the server for a new key (again, if the previous attempt expired). */
  protected start(): void {
    this.loading.set(true);
    this.error.set(null);
    this.enrolment.set(null);
    this.form.reset();
    this.api
      .startEnrolment()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (enrolment) => {
          this.loading.set(false);
          this.enrolment.set(enrolment);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(problemMessage(err));
        },
      });
  }

  protected confirm(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.codeError.set(null);
    this.api
      .confirmEnrolment(this.form.getRawValue().code.replace(/\s/g, ''))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ me, recoveryCodes }) => {
          this.pending.set(false);
          this.enrolledMe = me;
          this.store.set(me);
          this.enrolment.set(null);
          this.recoveryCodes.set(recoveryCodes);
        },
        error: (err: unknown) => {
          this.pending.set(false);
          this.error.set(problemMessage(err));
          const codeMessage = fieldErrorsOf(err)['code'];
          if (codeMessage) {
            this.codeError.set(codeMessage);
            this.form.controls.code.setErrors({ server: true });
          }
        },
      });
  }

  /** After the codes are saved: on to the next stage (or the app). */
  protected continue(): void {
    const me = this.enrolledMe ?? this.store.me();
    this.recoveryCodes.set(null);
    if (me) void this.flow.proceed(me, this.returnUrl());
  }

  protected cancel(): void {
    void this.flow.signOut();
  }
}
