import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { StaffWithPasswordResponse } from '@tessera/contracts';
import { CopyButton } from '../shared/copy-button';

export interface OneTimePasswordDialogData extends StaffWithPasswordResponse {
  /** True after a password reset, false for a new account. */
  reset: boolean;
}

/** Shows a one-time password exactly once. */
@Component({
  selector: 'tsr-one-time-password-dialog',
  imports: [CopyButton, MatButtonModule, MatDialogModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .password {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 16px 0;
      padding: 8px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
    }
    code {
      font-size: 1.25em;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <h2 mat-dialog-title>{{ data.reset ? 'Password reset' : 'Account created' }}</h2>
    <mat-dialog-content>
      <p>
        One-time password for <strong>{{ data.staff.displayName }}</strong> (user name
        <strong>{{ data.staff.username }}</strong>):
      </p>
      <div class="password">
        <code data-testid="one-time-password">{{ data.oneTimePassword }}</code>
        <tsr-copy-button [text]="data.oneTimePassword" label="Copy the one-time password" />
      </div>
      <p class="tsr-error" role="alert">
        This password is shown only now and cannot be displayed again. Hand it over through a secure channel.
        {{ data.staff.displayName }} must replace it with their own password at the next sign-in.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close data-testid="one-time-password-done">
        I have handed it over
      </button>
    </mat-dialog-actions>
  `,
})
export class OneTimePasswordDialog {
  protected readonly data = inject<OneTimePasswordDialogData>(MAT_DIALOG_DATA);
}
