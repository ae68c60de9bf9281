import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CreatedPortalClientResponse, PortalClientResponse } from '@tessera/contracts';
import { problemMessage } from '../core/problem';
import { CopyButton } from '../shared/copy-button';
import { KEY_REASON_MIN as REASON_MIN, REASON_MAX } from '../core/reason-dialog';
import { PortalClientsApi } from './keys.api';

/** The server's rule (CreatePortalClientDto). */
const NAME_PATTERN = /^[a-z][a-z0-9-]{2,40}$/;

/**
 * Creates a portal client, then shows its credential exactly once (the server keeps only a hash). The dialog cannot
 * be dismissed by a stray click while the credential is on screen; it closes with the client.
 */
@Component({
  selector: 'tsr-portal-client-create-dialog',
  imports: [
    CopyButton, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .credential {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 16px 0;
      padding: 8px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
    }
    code {
      overflow-wrap: anywhere;
    }
  `,
  template: `
    @if (created(); as c) {
      <h2 mat-dialog-title>Portal client created</h2>
      <mat-dialog-content>
        <p>Credential for <strong>{{ c.name }}</strong>, to send as <code>Authorization: Bearer …</code>:</p>
        <div class="credential">
          <code data-testid="portal-client-credential">{{ c.credential }}</code>
          <tsr-copy-button [text]="c.credential" label="Copy the credential" />
        </div>
        <p class="tsr-error" role="alert">
          This credential is shown only now and cannot be displayed again: Tessera keeps only a hash of it. Store it in
          the portal's secret store. If it is lost, revoke this client and create a new one.
        </p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" data-testid="portal-client-credential-done" (click)="done(c)">
          I have stored it
        </button>
      </mat-dialog-actions>
    } @else {
      <h2 mat-dialog-title>New portal client</h2>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content>
          <p>
            The resident portal authenticates with this client's credential to ask for residents' cards. Cards it
            obtains are recorded with the channel "portal".
          </p>
          @if (error(); as error) {
            <p class="tsr-error" role="alert" data-testid="portal-client-error">{{ error }}</p>
          }
          <mat-form-field class="tsr-full-width" subscriptSizing="dynamic">
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" autocomplete="off" spellcheck="false" maxlength="41" required
              data-testid="portal-client-name" cdkFocusInitial />
            <mat-hint>3–41 lower-case letters, digits or dashes, starting with a letter, e.g. state-portal.</mat-hint>
            @if (form.controls.name.hasError('required')) {
              <mat-error>A name is required.</mat-error>
            } @else if (form.controls.name.hasError('pattern')) {
              <mat-error>Use 3–41 lower-case letters, digits or dashes, starting with a letter.</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="tsr-full-width" subscriptSizing="dynamic">
            <mat-label>Reason</mat-label>
            <textarea matInput formControlName="reason" rows="2" [maxlength]="max" required
              data-testid="portal-client-reason"></textarea>
            <mat-hint>Recorded in the audit log.</mat-hint>
            @if (form.controls.reason.hasError('required')) {
              <mat-error>A reason is required.</mat-error>
            } @else if (form.controls.reason.hasError('minlength')) {
              <mat-error>Write at least {{ min }} characters.</mat-error>
            }
          </mat-form-field>
          <div class="tsr-progress-slot">
            @if (pending()) {
              <mat-progress-bar mode="indeterminate" aria-label="Creating the portal client" />
            }
          </div>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close [disabled]="pending()">Cancel</button>
          <button mat-flat-button type="submit" data-testid="portal-client-submit" [disabled]="pending()">Create client</button>
        </mat-dialog-actions>
      </form>
    }
  `,
})
export class PortalClientCreateDialog {
  private readonly api = inject(PortalClientsApi);
  private readonly ref = inject<MatDialogRef<PortalClientCreateDialog, PortalClientResponse>>(MatDialogRef);

  protected readonly min = REASON_MIN;
  protected readonly max = REASON_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.pattern(NAME_PATTERN)]],
    reason: ['', [Validators.required, Validators.minLength(REASON_MIN), Validators.maxLength(REASON_MAX), Validators.pattern(/\S/)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<CreatedPortalClientResponse | null>(null);

  protected submit(): void {
    if (this.pending()) return;
    const { name, reason } = this.form.getRawValue();
    if (this.form.invalid || reason.trim().length < REASON_MIN) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    this.api.create({ name: name.trim(), reason: reason.trim() }).subscribe({
      next: (created) => {
        this.pending.set(false);
        this.created.set(created);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.ref.disableClose = false;
        this.error.set(problemMessage(err));
      },
    });
  }

  protected done(client: CreatedPortalClientResponse): void {
    // The credential does not travel further than this dialog.
    const { credential: _credential, ...rest } = client;
    this.ref.close(rest);
  }
}
