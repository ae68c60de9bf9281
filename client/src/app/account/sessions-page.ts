import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import type { SessionResponse, SessionStage } from '@tessera/contracts';
import { AuthStore } from '../core/auth.store';
import { problemMessage } from '../core/problem';
import { SessionsApi } from './sessions.api';

const STAGE_LABELS: Readonly<Record<SessionStage, string>> = {
  active: 'Signed in',
  mfa: 'Waiting for a code',
  password_change: 'Changing password',
  mfa_enrolment: 'Setting up authenticator',
};

/** "My sessions": the user's open sessions, each of which can be ended. */
@Component({
  selector: 'tsr-sessions-page',
  imports: [DatePipe, MatButtonModule, MatProgressBarModule, MatTableModule],
  templateUrl: './sessions-page.html',
  styleUrl: './sessions-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsPage {
  private readonly api = inject(SessionsApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly columns = ['device', 'createdAt', 'lastSeenAt', 'expiresAt', 'stage', 'actions'];
  protected readonly sessions = signal<SessionResponse[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Id of the session being ended. */
  protected readonly ending = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected stageLabel(stage: SessionStage): string {
    return STAGE_LABELS[stage];
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sessions) => {
          this.loading.set(false);
          this.sessions.set(sessions);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(problemMessage(err));
        },
      });
  }

  protected end(session: SessionResponse): void {
    this.ending.set(session.id);
    this.error.set(null);
    this.api
      .end(session.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.ending.set(null);
          if (session.current) {
            // This very session is over: back to the sign-in page.
            this.auth.clear();
            void this.router.navigateByUrl('/sign-in');
            return;
          }
          this.snackBar.open('Session ended.', 'Close');
          this.load();
        },
        error: (err: unknown) => {
          this.ending.set(null);
          this.error.set(problemMessage(err));
        },
      });
  }
}
