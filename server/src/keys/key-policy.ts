import type { IssuerKeyState } from '@tessera/contracts';

/** What the rotation warnings need to know about a key. */
export interface KeyFacts {
  kid: string;
  state: IssuerKeyState;
  createdAt: Date;
  /** createdAt + pre-publication lead time. */
  readyAt: Date;
  /** Active key: activatedAt + cryptoperiod. */
  rotationDueAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Rotation warnings for key administrators (SMART Health Cards: new keys at least yearly, published ahead of use):
 * no active key; the active key due within the lead time (or overdue) with no successor published; a published key
 * still younger than the lead time.
 */
export function rotationWarnings(keys: readonly KeyFacts[], prePublicationDays: number, now: Date): string[] {
  const warnings: string[] = [];
  const active = keys.find((k) => k.state === 'active');
  const waiting = keys.filter((k) => k.state === 'created');
  if (!active) {
    warnings.push(waiting.length > 0
      ? 'No key is active: cards cannot be issued. Activate one of the published keys.'
      : 'No key is active: cards cannot be issued. Create a key, let it be published, then activate it.');
  } else if (active.rotationDueAt && waiting.length === 0) {
    const warnFrom = active.rotationDueAt.getTime() - prePublicationDays * DAY_MS;
    if (now.getTime() >= active.rotationDueAt.getTime()) {
      warnings.push(`The active key ${active.kid} is overdue for rotation since ${day(active.rotationDueAt)}: create a new key now and activate it once published.`);
    } else if (now.getTime() >= warnFrom) {
      warnings.push(`The active key ${active.kid} is due for rotation on ${day(active.rotationDueAt)}: create its successor now so it is published ${prePublicationDays} days before it signs.`);
    }
  }
  for (const k of waiting) {
    if (now.getTime() < k.readyAt.getTime()) {
      warnings.push(`Key ${k.kid} has been published since ${day(k.createdAt)}, less than the ${prePublicationDays}-day lead time: verifiers that cached the key set earlier may reject its cards until ${day(k.readyAt)}.`);
    }
  }
  return warnings;
}
