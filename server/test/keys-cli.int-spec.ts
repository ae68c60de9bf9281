import { Envelope } from '../src/crypto/envelope';
import { KEYS_USAGE, runKeysCommand } from '../src/cli/keys-commands';
import { UsageError } from '../src/cli/usage-error';
import { KeysService } from '../src/keys/keys.service';
import { findKeyMaterial, keyMaterialOf } from './key-material';
import { startTestApp, type TestApp } from './harness';

/** `npm run tessera -- keys …`: the same command functions the CLI runs, on a test app (the gate needs a listening server). */
describe('command line: tessera keys', () => {
  let t: TestApp;
  let output: string[];
  const operator = { actorUsername: 'cli:tester' };
  const keys = (command: string, values: Record<string, string | boolean> = {}, args: string[] = []) =>
    runKeysCommand(t.app.get(KeysService), command, values, args, operator, (line) => output.push(line));
  const lastAudit = async (action: string) =>
    (await t.sql<{ actor_username: string | null; actor_id: string | null; reason: string | null; target_id: string }>(
      'SELECT actor_username, actor_id, reason, target_id FROM audit_event WHERE action = $1 ORDER BY seq DESC LIMIT 1', [action],
    ))[0];

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true }); // lead time 7 days: activation needs the acknowledgement
  });
  beforeEach(() => {
    output = [];
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, lists, activates (by kid) and retires keys, audited as the operating-system user', async () => {
    expect(await keys('create', { reason: 'Key made from the command line' })).toBe(0);
    const kid = /^Created ([A-Za-z0-9_-]{43}) \(id ([0-9a-f-]{36})\)/.exec(output[0] ?? '')?.[1];
    expect(kid).toBeDefined();
    expect(await lastAudit('issuer_key.created')).toMatchObject({ actor_username: 'cli:tester', actor_id: null, reason: 'Key made from the command line' });
    const [row] = await t.sql<{ created_by: string | null }>('SELECT created_by FROM issuer_key WHERE kid = $1', [kid]);
    expect(row!.created_by).toBeNull();

    output = [];
    expect(await keys('list')).toBe(0);
    expect(output.join('\n')).toMatch(new RegExp(`${kid}\\s+created`));
    expect(output.join('\n')).toMatch(/WARNING: No key is active/);

    await expect(keys('activate', { reason: 'Activate from the command line' }, [kid!]))
      .rejects.toMatchObject({ problem: { status: 409, type: expect.stringMatching(/short-publication$/) as unknown } });
    output = [];
    expect(await keys('activate', { reason: 'Activate from the command line', 'ack-short-publication': true }, [kid!])).toBe(0);
    expect(output).toEqual([`Activated ${kid}: new cards are signed with it.`]);
    expect(await lastAudit('issuer_key.activated')).toMatchObject({ actor_username: 'cli:tester', reason: 'Activate from the command line' });

    const [{ id }] = (await t.sql<{ id: string }>('SELECT id FROM issuer_key WHERE kid = $1', [kid])) as [{ id: string }];
    output = [];
    expect(await keys('retire', { reason: 'Retire from the command line' }, [id])).toBe(0);
    expect(output[0]).toMatch(new RegExp(`^Retired ${kid}: .*No key is active`));
    expect(await lastAudit('issuer_key.retired')).toMatchObject({ actor_username: 'cli:tester', target_id: id });

    // nothing it printed carries the key's private material
    const material = keyMaterialOf(t.app.get(Envelope), await t.sql('SELECT kid, private_ref FROM issuer_key WHERE private_ref IS NOT NULL'));
    expect(material).toHaveLength(1);
    expect(findKeyMaterial(material, [{ where: 'cli output', text: output.join('\n') }])).toEqual([]);
  });

  it('names what is missing: the reason, the key, a known command, an existing key', async () => {
    await expect(keys('create')).rejects.toThrow(new UsageError('--reason is required for keys create'));
    await expect(keys('activate', { reason: 'A reason but no key' })).rejects.toThrow(/name the key: keys activate <id\|kid>/);
    await expect(keys('revoke', { reason: 'Not from the command line' }, ['x'])).rejects.toThrow(/unknown command: keys revoke/);
    await expect(keys('retire', { reason: 'No such key anywhere' }, ['nope'])).rejects.toMatchObject({ problem: { status: 404 } });
  });

  it('says in its help that revocation for compromise takes two administrators in the console', () => {
    expect(KEYS_USAGE).toMatch(/revocation for compromise needs two key administrators: console or API only/);
    expect(KEYS_USAGE).toMatch(/--ack-short-publication/);
  });
});
