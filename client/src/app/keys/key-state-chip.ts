import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { InspectedKeyState } from '@tessera/contracts';

const LABELS: Readonly<Record<InspectedKeyState, string>> = {
  created: 'Published, not signing',
  active: 'Active',
  retired: 'Retired',
  revoked: 'Revoked',
  unknown: 'Unknown key',
};

/** A key's state as a coloured chip whose text says it too (colour is never the only signal). */
@Component({
  selector: 'tsr-key-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip state-' + state()" data-testid="key-state" [attr.data-state]="state()">{{ label() }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 8px;
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface);
    }
    .state-active {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .state-created {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .state-revoked,
    .state-unknown {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class KeyStateChip {
  readonly state = input.required<InspectedKeyState>();
  protected readonly label = computed(() => LABELS[this.state()]);
}

/** "3Kfdg-XwP…xYz1": enough of a kid to tell keys apart in a table (the full value is one click away). */
export function shortKid(kid: string): string {
  return kid.length > 14 ? `${kid.slice(0, 8)}…${kid.slice(-4)}` : kid;
}
