import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AuthFlow } from '../core/auth-flow';
import { AuthApi } from '../core/auth.api';
import { problemMessage, problemOf } from '../core/problem';
import { PASSWORD_MAX_LENGTH } from '@tessera/contracts/vocabulary';

/** First step: user name and password. */
@Component({
  selector: 'tsr-sign-in-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  templateUrl: './sign-in-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  /** Where to go once signed in (query parameter). */
  readonly returnUrl = input<string>();
  /** Set when the previous session ended (query parameter). */
  readonly expired = input<string>();

  private readonly api = inject(AuthApi);
  private readonly flow = inject(AuthFlow);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.maxLength(64)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly pending = signal(false);
  protected readonly throttled = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.pending() || this.throttled()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    const { username, password } = this.form.getRawValue();
    this.api
      .signIn({ username: username.trim(), password })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (me) => {
          this.pending.set(false);
          void this.flow.proceed(me, this.returnUrl());
        },
        error: (err: unknown) => {
          this.pending.set(false);
          this.error.set(problemMessage(err));
          // Clear the password without flagging the now-empty field as an error.
          this.formDirective().resetForm({ username, password: '' });
          const retryAfter = problemOf(err)?.retryAfter;
          if (err instanceof HttpErrorResponse && err.status === 429 && retryAfter) this.pause(retryAfter);
        },
      });
  }

  /** Blocks the form while the server throttles sign-in attempts. */
  private pause(seconds: number): void {
    this.throttled.set(true);
    const timer = setTimeout(() => this.throttled.set(false), Math.min(seconds, 3600) * 1000);
    this.destroyRef.onDestroy(() => clearTimeout(timer));
  }
}
