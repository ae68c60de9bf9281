import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MfaVerifyDto } from '@tessera/contracts';
import { AuthFlow } from '../core/auth-flow';
import { AuthApi } from '../core/auth.api';
import { problemMessage, problemOf } from '../core/problem';

/** Second step: the 6-digit code from the authenticator app, or a single-use recovery code. */
@Component({
  selector: 'tsr-mfa-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  templateUrl: './mfa-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaPage {
  readonly returnUrl = input<string>();

  private readonly api = inject(AuthApi);
  private readonly flow = inject(AuthFlow);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly recoveryInput = viewChild<ElementRef<HTMLInputElement>>('recoveryInput');

  protected readonly useRecovery = signal(false);
  protected readonly pending = signal(false);
  protected readonly throttled = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}\s*\d{3}\s*$/)]],
    recoveryCode: [{ value: '', disabled: true }, [Validators.required, Validators.pattern(/^\s*[A-Za-z2-7-]{16,24}\s*$/)]],
  });

  protected toggleRecovery(): void {
    const recovery = !this.useRecovery();
    this.useRecovery.set(recovery);
    this.error.set(null);
    const { code, recoveryCode } = this.form.controls;
    (recovery ? recoveryCode : code).enable();
    (recovery ? code : recoveryCode).disable();
    (recovery ? code : recoveryCode).reset();
    setTimeout(() => (recovery ? this.recoveryInput() : this.codeInput())?.nativeElement.focus());
  }

  protected submit(): void {
    if (this.pending() || this.throttled()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, recoveryCode } = this.form.getRawValue();
    const body: MfaVerifyDto = this.useRecovery()
      ? { recoveryCode: recoveryCode.trim() }
      : { code: code.replace(/\s/g, '') };
    this.pending.set(true);
    this.error.set(null);
    this.api
      .verifyMfa(body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (me) => {
          this.pending.set(false);
          void this.flow.proceed(me, this.returnUrl());
        },
        error: (err: unknown) => {
          this.pending.set(false);
          this.error.set(problemMessage(err));
          // Clear the code without flagging the now-empty field as an error.
          this.formDirective().resetForm({ code: '', recoveryCode });
          const retryAfter = problemOf(err)?.retryAfter;
          if (err instanceof HttpErrorResponse && err.status === 429 && retryAfter) {
            this.throttled.set(true);
            const timer = setTimeout(() => this.throttled.set(false), Math.min(retryAfter, 3600) * 1000);
            this.destroyRef.onDestroy(() => clearTimeout(timer));
          }
        },
      });
  }

  protected cancel(): void {
    void this.flow.signOut();
  }
}
