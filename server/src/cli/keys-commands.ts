import type { IssuerKeyResponse } from '@tessera/contracts';
import type { KeysService, SystemOperator } from '../keys/keys.service';
import { UsageError } from './usage-error';

export const KEYS_USAGE = `  keys list                                 issuer keys, their states and the rotation warnings
  keys create --reason "…"                  generate a signing key: published in the key set at once, signing nothing
  keys activate <id|kid> --reason "…" [--ack-short-publication]
                                            make it the signing key (the active one is retired); the activation gate
                                            fetches <TESSERA_ISSUER_URL>/.well-known/jwks.json, so the server must be up
  keys retire <id|kid> --reason "…"         stop a key signing; it stays published so its cards keep verifying
                                            (revocation for compromise needs two key administrators: console or API only)`;

type Values = Record<string, string | boolean | undefined>;

/** `tessera keys …`, acting as `operator` (audited under that name). Returns the exit code. */
export async function runKeysCommand(
  keys: KeysService, command: string | undefined, v: Values, args: string[], operator: SystemOperator, out: (line: string) => void,
): Promise<number> {
  const reason = (): string => {
    const r = v['reason'];
    if (typeof r !== 'string' || r.trim() === '') throw new UsageError(`--reason is required for keys ${command ?? ''}`);
    return r;
  };
  const key = async (): Promise<string> => {
    const ref = args[0];
    if (!ref) throw new UsageError(`name the key: keys ${command ?? ''} <id|kid> --reason "…"`);
    return keys.resolveId(ref);
  };
  switch (command) {
    case 'list': {
      const list = await keys.list();
      out(`Issuer ${list.iss}; key set ${list.jwksUrl}`);
      out(`Policy: rotate every ${list.policy.cryptoperiodMonths} months, publish ${list.policy.prePublicationDays} days ahead, destroy private keys ${list.policy.destroyPrivateAfterDays} days after retirement`);
      for (const k of list.keys) out(describe(k));
      out(`${list.keys.length} key(s)`);
      for (const w of list.warnings) out(`WARNING: ${w}`);
      return 0;
    }
    case 'create': {
      const k = await keys.create(reason(), operator);
      out(`Created ${k.kid} (id ${k.id}); it is in the published key set now and signs nothing until activated.`);
      return 0;
    }
    case 'activate': {
      const k = await keys.activate(await key(), { reason: reason(), acknowledgeShortPublication: v['ack-short-publication'] === true }, operator);
      out(`Activated ${k.kid}: new cards are signed with it.`);
      return 0;
    }
    case 'retire': {
      const k = await keys.retire(await key(), reason(), operator);
      out(`Retired ${k.kid}: it signs nothing more and stays published.${k.activatedAt ? ' No key is active until another is activated.' : ''}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command: keys ${command ?? ''}`);
  }
}

function describe(k: IssuerKeyResponse): string {
  const dates = [
    `created ${k.createdAt.slice(0, 10)}`,
    k.activatedAt ? `activated ${k.activatedAt.slice(0, 10)}` : null,
    k.retiredAt ? `retired ${k.retiredAt.slice(0, 10)}` : null,
    k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : null,
    k.rotationDueAt ? `rotation due ${k.rotationDueAt.slice(0, 10)}` : null,
    k.privateDestroyedAt ? `private key destroyed ${k.privateDestroyedAt.slice(0, 10)}` : null,
    k.pendingRevocation ? `REVOCATION REQUESTED by ${k.pendingRevocation.requestedBy}` : null,
  ].filter((x) => x !== null);
  return `${k.kid}  ${k.state.padEnd(8)} ${k.id}  ${dates.join(', ')}`;
}
