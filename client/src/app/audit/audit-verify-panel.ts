import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AuditVerifyResponse, SignedHeadCheck, SignedHeadResponse } from '@tessera/contracts';

const HEAD_STATUS: Readonly<Record<SignedHeadCheck['status'], string>> = {
  ok: 'matches the log',
  bad_signature: 'signature does not verify',
  missing_rows: 'entries it covers are missing',
  hash_mismatch: 'hash differs from the log',
};

/** Verifies the hash chain of the audit log and signs its head; shows the outcome. */
@Component({
  selector: 'tsr-audit-verify-panel',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './audit-verify-panel.html',
  styleUrl: './audit-verify-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditVerifyPanel {
  readonly canVerify = input(false);
  readonly canSign = input(false);
  readonly verifying = input(false);
  readonly signing = input(false);
  readonly result = input<AuditVerifyResponse | null>(null);
  readonly signed = input<SignedHeadResponse | null>(null);
  readonly error = input<string | null>(null);
  readonly verify = output<void>();
  readonly signHead = output<void>();

  protected headStatus(check: SignedHeadCheck): string {
    return HEAD_STATUS[check.status];
  }
}
