import { Readable } from 'node:stream';
import { csvField, csvLine, exportStream } from './audit-export';
import type { AuditRow } from './audit.types';

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  seq: '7', occurred_at: '2026-01-02T03:04:05.006Z', actor_id: null, actor_username: 'ann', actor_roles: ['auditor', 'staff_admin'],
  action: 'staff.disabled', target_type: 'staff', target_id: 'abc', outcome: 'success', reason: 'left, for good', request_id: 'r-1',
  client_address: '127.0.0.1', user_agent: null, details: { sessionsEnded: 2 }, prev_hash: 'p'.repeat(64), hash: 'h'.repeat(64), ...over,
});

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('csvField', () => {
  it('writes plain values as they are and nothing for null', () => {
    expect(csvField('audit.searched')).toBe('audit.searched');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('prefixes %j, which a spreadsheet would run, with a quote', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('quotes fields holding a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('joins arrays with spaces and writes objects as JSON, still neutralising formulas', () => {
    expect(csvField(['auditor', 'staff_admin'])).toBe('auditor staff_admin');
    expect(csvField(['=cmd', 'x'])).toBe("'=cmd x");
    expect(csvField({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
  });
});

describe('csvLine and exportStream', () => {
  it('writes one CRLF-terminated record of 16 fields per row', () => {
    const line = csvLine(row());
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toBe(`7,2026-01-02T03:04:05.006Z,,ann,auditor staff_admin,staff.disabled,staff,abc,success,"left, for good",r-1,127.0.0.1,,`
      + `"{""sessionsEnded"":2}",${'p'.repeat(64)},${'h'.repeat(64)}\r\n`);
  });

  it('streams a CSV header then the rows, or NDJSON lines in the API shape', async () => {
    async function* rows() {
      for (const r of [row(), row({ seq: '8', reason: '=evil()' })]) yield await Promise.resolve(r);
    }
    const csv = (await text(exportStream(rows(), 'csv'))).split('\r\n');
    expect(csv[0]).toBe('seq,occurred_at,actor_id,actor_username,actor_roles,action,target_type,target_id,outcome,reason,request_id,'
      + 'client_address,user_agent,details,prev_hash,hash');
    expect(csv).toHaveLength(4); // header, two rows, and the empty string after the last CRLF
    expect(csv[2]).toContain(",'=evil(),");
    const nd = (await text(exportStream(rows(), 'ndjson'))).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(nd).toHaveLength(2);
    expect(nd[1]).toMatchObject({ seq: '8', actorUsername: 'ann', reason: '=evil()', prevHash: 'p'.repeat(64) });
  });
});
