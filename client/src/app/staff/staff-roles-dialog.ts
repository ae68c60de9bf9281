import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Role, StaffResponse } from '@tessera/contracts';
import { problemMessage } from '../core/problem';
import { RolesStore } from '../core/roles.store';
import { RoleCheckboxes } from './role-checkboxes';
import { StaffApi } from './staff.api';

/** Changes the roles of a staff member (with a reason); closes with the updated account. */
@Component({
  selector: 'tsr-staff-roles-dialog',
  imports: [
    MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule,
    RoleCheckboxes,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Roles of {{ staff.displayName }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (error(); as error) {
          <p class="tsr-error" role="alert" data-testid="roles-error">{{ error }}</p>
        }
        <tsr-role-checkboxes
          [roles]="catalogue()"
          [selected]="roles()"
          [disabled]="pending()"
          [showError]="triedSubmit() && roles().length === 0"
          (selectedChange)="roles.set($event)"
        />
        <mat-form-field class="tsr-full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="2" maxlength="500" data-testid="reason" required></textarea>
          <mat-hint>Recorded in the audit log.</mat-hint>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>A reason is required.</mat-error>
          }
        </mat-form-field>
        <div class="tsr-progress-slot">
          @if (pending()) {
            <mat-progress-bar mode="indeterminate" aria-label="Saving the roles" />
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" data-testid="roles-save" [disabled]="pending() || !changed()">
          Save roles
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class StaffRolesDialog {
  protected readonly staff = inject<StaffResponse>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<StaffRolesDialog, StaffResponse>>(MatDialogRef);
  private readonly api = inject(StaffApi);
  protected readonly catalogue = inject(RolesStore).roles;

  protected readonly roles = signal<Role[]>([...this.staff.roles]);
  protected readonly changed = computed(() => {
    const now = this.roles();
    return now.length !== this.staff.roles.length || now.some((r) => !this.staff.roles.includes(r));
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(500), Validators.pattern(/\S/)]],
  });
  protected readonly triedSubmit = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.pending()) return;
    this.triedSubmit.set(true);
    if (this.form.invalid || this.roles().length === 0) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    this.api.updateRoles(this.staff.id, { roles: this.roles(), reason: this.form.getRawValue().reason.trim() }).subscribe({
      next: (updated) => this.ref.close(updated),
      error: (err: unknown) => {
        this.pending.set(false);
        this.ref.disableClose = false;
        this.error.set(problemMessage(err));
      },
    });
  }
}
