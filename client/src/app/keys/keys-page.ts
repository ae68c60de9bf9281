import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { IssuerKeyResponse, IssuerKeysResponse, KeyRevocationRequestResponse } from '@tessera/contracts';
import { AuthStore } from '../core/auth.store';
import { Can } from '../core/can.directive';
import { problemOf, problemMessage } from '../core/problem';
import { CopyButton } from '../shared/copy-button';
import { KEY_REASON_MIN, openReasonDialog } from '../core/reason-dialog';
import { KeyStateChip, shortKid } from './key-state-chip';
import { KeysApi } from './keys.api';
import { PortalClientsPanel } from './portal-clients-panel';

/**
 * A 409 on activation that asks for the acknowledgement: the key has been in the published key set for less than the
 * pre-publication lead time (verifiers may still cache the previous key set). Any other 409 (the activation gate
 * failed, the key is not in the created state) is shown as it is.
 */
export function isShortPublication(err: unknown): boolean {
  const problem = problemOf(err);
  if (problem?.status !== 409) return false;
  const text = `${problem.type} ${problem.title} ${problem.detail ?? ''}`;
  return /short-publication|acknowledge/i.test(text) || (/publish/i.test(text) && /lead time|less than|only/i.test(text));
}

/**
 * Issuer signing keys: the key set verifiers trust, the rotation warnings, every key with its lifecycle actions
 * (create, activate, retire, revocation for compromise by two administrators), and the resident portal's clients.
 */
@Component({
  selector: 'tsr-keys-page',
  imports: [
    Can, CopyButton, DatePipe, KeyStateChip, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule,
    MatTableModule, MatTooltipModule, PortalClientsPanel,
  ],
  templateUrl: './keys-page.html',
  styleUrl: './keys-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeysPage {
  private readonly api = inject(KeysApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly auth = inject(AuthStore);

  protected readonly columns = ['kid', 'state', 'createdAt', 'activatedAt', 'ended', 'rotationDueAt', 'private', 'actions'];
  protected readonly data = signal<IssuerKeysResponse | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly keys = computed(() => this.data()?.keys ?? []);
  protected readonly anyAction = computed(() => this.auth.can('issuer-key:manage') || this.auth.can('issuer-key:revoke'));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list().subscribe({
      next: (data) => {
        this.loading.set(false);
        this.data.set(data);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(problemMessage(err));
      },
    });
  }

  protected shortKid(kid: string): string {
    return shortKid(kid);
  }

  /** Whether the signed-in administrator asked for this revocation (the second administrator must decide). */
  protected ownRequest(request: KeyRevocationRequestResponse): boolean {
    const me = this.auth.me();
    return !!me && [me.id, me.username].includes(request.requestedBy);
  }

  protected create(): void {
    const policy = this.data()?.policy;
    openReasonDialog<IssuerKeyResponse>(this.dialog, {
      minLength: KEY_REASON_MIN,
      title: 'Create a signing key?',
      description:
        'A new P-256 key is generated on the server and published in the key set at once, without signing anything. ' +
        `Activate it once verifiers have had time to fetch the key set${policy ? ` (${policy.prePublicationDays} days)` : ''}.`,
      confirmLabel: 'Create key',
      submit: (reason) => this.api.create(reason),
    }).subscribe((key) => this.done(key, (k) => `Key ${shortKid(k.kid)} created and published.`));
  }

  protected activate(key: IssuerKeyResponse): void {
    const active = this.keys().find((k) => k.state === 'active');
    openReasonDialog<IssuerKeyResponse>(this.dialog, {
      minLength: KEY_REASON_MIN,
      title: `Activate key ${shortKid(key.kid)}?`,
      description:
        'The server first signs a test card with this key and verifies it through the public key set; activation is refused ' +
        `otherwise. New cards are then signed with this key${active ? `, and key ${shortKid(active.kid)} is retired (still published, verification only)` : ''}.`,
      confirmLabel: 'Activate key',
      needsAcknowledgement: isShortPublication,
      acknowledgement:
        'Activate anyway: I accept that verifiers which cached the key set earlier may reject new cards until they refresh it.',
      submit: (reason, acknowledged) =>
        this.api.activate(key.id, acknowledged ? { reason, acknowledgeShortPublication: true } : { reason }),
    }).subscribe((k) => this.done(k, (a) => `Key ${shortKid(a.kid)} is now the active signing key.`));
  }

  protected retire(key: IssuerKeyResponse): void {
    const active = key.state === 'active';
    openReasonDialog<IssuerKeyResponse>(this.dialog, {
      minLength: KEY_REASON_MIN,
      title: `Retire key ${shortKid(key.kid)}?`,
      description: active
        ? 'This is the active key: after retiring it no card can be issued until another key is activated. The key stays published so that its cards still verify.'
        : 'The key stays published so that cards it signed still verify, but it can never sign again.',
      confirmLabel: 'Retire key',
      destructive: true,
      confirmation: active ? 'I understand that card issuance stops until another key is activated.' : 'I understand that this key can never sign again.',
      submit: (reason) => this.api.retire(key.id, reason),
    }).subscribe((k) => this.done(k, (r) => `Key ${shortKid(r.kid)} retired.`));
  }

  protected requestRevocation(key: IssuerKeyResponse): void {
    openReasonDialog<KeyRevocationRequestResponse>(this.dialog, {
      minLength: KEY_REASON_MIN,
      title: `Request revocation of key ${shortKid(key.kid)}?`,
      description:
        'For a compromised key. Once a second key administrator approves, the key is removed from the published key set at ' +
        'once and every card it signed stops verifying.',
      confirmLabel: 'Request revocation',
      destructive: true,
      confirmation: 'I understand that, once approved, every card signed by this key stops verifying.',
      submit: (reason) => this.api.requestRevocation(key.id, reason),
    }).subscribe((r) => this.done(r, () => 'Revocation requested; a second key administrator must approve it.'));
  }

  protected decide(key: IssuerKeyResponse, request: KeyRevocationRequestResponse, decision: 'approve' | 'reject'): void {
    const approve = decision === 'approve';
    openReasonDialog<KeyRevocationRequestResponse>(this.dialog, {
      minLength: KEY_REASON_MIN,
      title: `${approve ? 'Approve' : 'Reject'} the revocation of key ${shortKid(key.kid)}?`,
      description: approve
        ? `Requested by ${request.requestedBy}: "${request.reason}". The key is removed from the published key set at once and every card it signed stops verifying. This cannot be undone.`
        : `Requested by ${request.requestedBy}: "${request.reason}". The key stays as it is.`,
      confirmLabel: approve ? 'Approve revocation' : 'Reject request',
      destructive: approve,
      confirmation: approve ? 'I confirm the key is compromised and must be revoked now.' : undefined,
      submit: (reason) => this.api.decideRevocation(request.id, { decision, reason }),
    }).subscribe((r) => this.done(r, () => (approve ? `Key ${shortKid(key.kid)} revoked.` : 'Revocation request rejected.')));
  }

  private done<T>(result: T | undefined, message: (result: T) => string): void {
    if (result === undefined) return;
    this.snackBar.open(message(result), 'Close');
    this.load();
  }
}
