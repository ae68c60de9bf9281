import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Role, StaffWithPasswordResponse } from '@tessera/contracts';
import { fieldErrorsOf, problemMessage } from '../core/problem';
import { RolesStore } from '../core/roles.store';
import { RoleCheckboxes } from './role-checkboxes';
import { StaffApi } from './staff.api';
import { USERNAME_PATTERN } from '@tessera/contracts/vocabulary';

type Field = 'username' | 'displayName' | 'email';

/** Creates a staff account; closes with the account and its one-time password. */
@Component({
  selector: 'tsr-staff-create-dialog',
  imports: [
    MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule,
    RoleCheckboxes,
  ],
  templateUrl: './staff-create-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffCreateDialog {
  private readonly api = inject(StaffApi);
  private readonly ref = inject<MatDialogRef<StaffCreateDialog, StaffWithPasswordResponse>>(MatDialogRef);
  protected readonly catalogue = inject(RolesStore).roles;

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
    displayName: ['', [Validators.required, Validators.maxLength(120)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
  });
  protected readonly roles = signal<Role[]>([]);
  protected readonly triedSubmit = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Partial<Record<Field, string>>>({});

  protected submit(): void {
    if (this.pending()) return;
    this.triedSubmit.set(true);
    if (this.form.invalid || this.roles().length === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, displayName, email } = this.form.getRawValue();
    this.pending.set(true);
    this.error.set(null);
    this.serverErrors.set({});
    this.ref.disableClose = true;
    this.api
      .create({ username: username.trim().toLowerCase(), displayName: displayName.trim(), email: email.trim(), roles: this.roles() })
      .subscribe({
        next: (created) => this.ref.close(created),
        error: (err: unknown) => {
          this.pending.set(false);
          this.ref.disableClose = false;
          this.error.set(problemMessage(err));
          const fields = fieldErrorsOf(err);
          const known: Partial<Record<Field, string>> = {};
          for (const name of ['username', 'displayName', 'email'] as const) {
            const message = fields[name];
            if (message) {
              known[name] = message;
              this.form.controls[name].setErrors({ server: true });
            }
          }
          this.serverErrors.set(known);
        },
      });
  }
}
