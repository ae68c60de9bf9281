import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PersonResponse, RegistryImportResponse } from '@tessera/contracts';
import { RegistryImportService } from '../src/registry/import/registry-import.service';
import { trigramSet } from '@tessera/registry-core';
import { MAX_NAME_CHARS } from '../src/registry/import/registry-writer';
import { createEnrolledStaff, signIn, startTestApp, type ApiClient, type TestApp } from './harness';

/**
 * Imports from the state immunization registry, end to end on real PostgreSQL: upload (HTTP, 202 then poll) or the
 * command-line path, both formats (FHIR Bulk NDJSON, HL7 v2 VXU batches), idempotent re-runs, conflicts with staff
 * corrections, rejections with positions, volume in bounded memory, permissions and limits, interrupted runs.
 * Every test uses its own registry-id prefix so its counts do not depend on the others.
 */

// ---- FHIR R4 Bulk Data fixtures -------------------------------------------------------------------------------------

const CVX = 'http://hl7.org/fhir/sid/cvx';
type Json = Record<string, unknown>;

const officialName = (family: string, given: string[] = ['Ada']): Json => ({ use: 'official', family, given });

function patient(id: string, over: Json = {}): Json {
  return {
    resourceType: 'Patient',
    id: `local-${id}`,
    identifier: [
      { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999-00-1234' },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'https://iis.example.gov/registry', value: id },
    ],
    name: [officialName('Okafor'), { use: 'maiden', family: 'Adeyemi', given: ['Ada'] }],
    gender: 'female',
    birthDate: '1984-02-29',
    telecom: [{ system: 'phone', value: '(617) 555-0100', use: 'home' }, { system: 'email', value: ` ${id}@Example.ORG ` }],
    address: [{ line: ['12 Elm St', 'Apt 3'], city: 'Boston', state: 'ma', postalCode: '02118-4321', district: 'Suffolk' }],
    ...over,
  };
}

function immunization(id: string, patientId: string, over: Json = {}): Json {
  return {
    resourceType: 'Immunization',
    id: `local-${id}`,
    identifier: [{ system: 'https://iis.example.gov/immunization', value: id }],
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '59267-1000-1' }, { system: CVX, code: '208' }] },
    patient: { reference: `Patient/${patientId}` },
    occurrenceDateTime: '2021-03-04T10:15:00-05:00',
    lotNumber: 'EL9261',
    manufacturer: { identifier: { system: 'http://hl7.org/fhir/sid/mvx', value: 'pfr' } },
    performer: [{ actor: { display: 'Boston Medical Center' } }],
    protocolApplied: [{ doseNumberPositiveInt: 1 }],
    ...over,
  };
}

const ndjson = (...lines: (Json | string)[]): string => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

/** A calendar date `days` from today (UTC), as YYYY-MM-DD. */
const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// ---- HL7 v2.5.1 VXU fixtures ----------------------------------------------------------------------------------------

const FHS = String.raw`FHS|^~\&|MYEHR2.5|RI88140101|KIDSNET_IFL|RIHEALTH|20250601085200-0500`;
const BHS = String.raw`BHS|^~\&|MYEHR2.5|RI88140101|KIDSNET_IFL|RIHEALTH|20250601085200-0500`;
const msh = (control: string): string =>
  String.raw`MSH|^~\&|MYEHR2.5|RI88140101|KIDSNET_IFL|RIHEALTH|20250601085200-0500||VXU^V04^VXU_V04|${control}|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS`;

interface PidOpts { family?: string; given?: string; birth?: string; address?: string; phone?: string }
function pid(id: string, o: PidOpts = {}): string {
  const family = o.family ?? String.raw`O\T\Brien`;
  const given = o.given ?? 'Mary';
  const address = o.address ?? String.raw`123 Main St\F\Apt 4`;
  return String.raw`PID|1||12345^^^MYEHR^MR~${id}^^^RIIIS^SR||${family}^${given}^Ann^^^^L~Smith^${given}^^^^^M||${o.birth ?? '20150614'}|F||2106-3^White^CDCREC|${address}^^Providence^RI^02909-1234^USA^P^^007||^PRN^PH^^^401^${o.phone ?? '5551234'}~^NET^Internet^${id}@Example.COM`;
}

interface DoseOpts { cvx?: string; date?: string; lot?: string; org?: string; doseNo?: string }
function dose(izId: string, o: DoseOpts = {}): string[] {
  const org = o.org ?? String.raw`Smith \T\ Jones Pediatrics`;
  return [
    String.raw`ORC|RE||${izId}^NDA|||||||I-23432^Burden^Donna^A^^^^^NIST-AA-1^^^^PRN`,
    String.raw`RXA|0|1|${o.date ?? '20240510'}||${o.cvx ?? '08'}^Hep B, adolescent or pediatric^CVX|999|||00^New immunization record^NIP001||^^^${org}&2.16.840.1.113883&ISO||||${o.lot ?? 'Y8HG3'}|20260501|MSD^Merck and Co^MVX|||CP|A`,
    String.raw`RXR|C28161^Intramuscular^NCIT|RT^Right Thigh^HL70163`,
    String.raw`OBX|1|NM|30973-2^Dose number in series^LN|1|${o.doseNo ?? '1'}||||||F`,
  ];
}

/** Segments → an HL7 file (segments end with \r), and where each message starts (1-based line numbers). */
function hl7File(lines: string[][]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let line = 1;
  for (const segs of lines) {
    if (segs[0]?.startsWith('MSH')) starts.push(line);
    line += segs.length;
  }
  return { text: lines.flat().join('\r') + '\r', starts };
}

// ---- helpers --------------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's value, or `timedOut` when it takes longer than `ms` (so a hang fails the test instead of stalling it). */
async function within<T>(promise: Promise<T>, ms: number, timedOut: string): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<string>((resolve) => (timer = setTimeout(() => resolve(timedOut), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Node's own collector (global.gc is not exposed in jest workers): live heap measurements instead of garbage. */
function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

// jest-circus reads testTimeout from the global config only: the server-int project's own value does not apply.
jest.setTimeout(60_000);

describe('registry import', () => {
  let t: TestApp;
  let officer: ApiClient;
  let agent: ApiClient;
  let tmp: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = (await signIn(t, await createEnrolledStaff(t, 'import.officer', ['records_officer']))).client;
    agent = (await signIn(t, await createEnrolledStaff(t, 'import.agent', ['helpdesk_agent']))).client;
    tmp = mkdtempSync(join(tmpdir(), 'tessera-import-test-'));
  });
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  const count = async (sql: string, params: unknown[] = []) => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
  const persons = (prefix: string) => count(`person WHERE registry_id LIKE $1`, [`${prefix}%`]);
  const doses = (prefix: string) => count(`immunization WHERE registry_id LIKE $1`, [`${prefix}%`]);
  const history = (prefix: string) => count(`record_history h JOIN person p ON p.id = h.person_id WHERE p.registry_id LIKE $1`, [`${prefix}%`]);
  const personId = async (registryId: string) => (await t.sql<{ id: string }>('SELECT id FROM person WHERE registry_id = $1', [registryId]))[0]?.id;

  /** Polls the run until it is no longer running. */
  async function waitForRun(client: ApiClient, id: string): Promise<RegistryImportResponse> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await client.get(`/api/v1/registry-imports/${id}`);
      expect(res.status).toBe(200);
      const run = res.body as RegistryImportResponse;
      if (run.status !== 'running') return run;
      if (Date.now() > deadline) throw new Error(`import ${id} still running after 30 s`);
      await sleep(50);
    }
  }

  /** Uploads a file as a records officer (202), then waits for the background run to end. */
  async function importVia(filename: string, body: string | Buffer, client = officer): Promise<RegistryImportResponse> {
    const res = await client.upload('/api/v1/registry-imports', body, { 'Content-Type': 'application/octet-stream', 'X-Filename': filename });
    expect(res.status).toBe(202);
    const started = res.body as RegistryImportResponse;
    expect(started).toMatchObject({ filename, bytesTotal: Buffer.byteLength(body) });
    return waitForRun(client, started.id);
  }

  const view = async (id: string, purpose = 'data_quality_review') => {
    const res = await officer.get(`/api/v1/persons/${id}?purpose=${purpose}`);
    expect(res.status).toBe(200);
    return res.body as PersonResponse;
  };

  it('imports a FHIR R4 Bulk NDJSON upload: counts, rows, history, audit and the person view', async () => {
    const file = ndjson(
      patient('F1-A'),
      immunization('F1-IA1', 'F1-A'),
      patient('F1-B', { name: [officialName('Núñez-García', ['María', 'José']), { use: 'maiden', family: 'Adeyemi', given: ['Ada'] }], gender: 'male', birthDate: '1990-07-04' }),
      immunization('F1-IA2', 'F1-A', { vaccineCode: { coding: [{ system: CVX, code: '03' }] }, occurrenceDateTime: '2019-05-02', lotNumber: 'MMR-77', protocolApplied: [{ doseNumberPositiveInt: 2 }] }),
      immunization('F1-IB1', 'F1-B'),
      patient('F1-C', { telecom: [] }),
      immunization('F1-IC1', 'F1-C', { status: 'entered-in-error' }),
    );
    const run = await importVia('patients.ndjson', file);
    expect(run).toMatchObject({
      status: 'completed', format: 'fhir-ndjson', filename: 'patients.ndjson', inserted: 7, updated: 0, unchanged: 0, rejected: 0, conflicts: 0,
      error: null, rejections: [], bytesTotal: Buffer.byteLength(file), bytesRead: Buffer.byteLength(file),
    });
    expect(run.finishedAt).not.toBeNull();

    expect(await persons('F1-')).toBe(3);
    expect(await doses('F1-')).toBe(4);
    const [b] = await t.sql<Json>(`SELECT given_names, family_name, birth_date::text AS birth_date, sex, phones, emails, aliases, zip, state, source, version
      FROM person WHERE registry_id = 'F1-B'`);
    expect(b).toEqual({
      given_names: 'María José', family_name: 'Núñez-García', birth_date: '1990-07-04', sex: 'M', phones: ['+16175550100'], emails: ['f1-b@example.org'],
      aliases: [{ kind: 'maiden', given: 'Ada', family: 'Adeyemi' }], zip: '02118', state: 'MA', source: 'fhir-ndjson', version: 1,
    });

    // One history row per insert, by the uploader, with the inserted values.
    const rows = await t.sql<{ record_type: string; version: number; change_source: string; changed_by_username: string; old_values: unknown; new_values: Json }>(
      `SELECT h.record_type, h.version, h.change_source, h.changed_by_username, h.old_values, h.new_values
         FROM record_history h JOIN person p ON p.id = h.person_id WHERE p.registry_id LIKE 'F1-%' ORDER BY h.id`);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.record_type).sort()).toEqual([...Array<string>(4).fill('immunization'), ...Array<string>(3).fill('person')]);
    expect(rows.every((r) => r.version === 1 && r.change_source === 'import' && r.changed_by_username === 'import.officer' && r.old_values === null)).toBe(true);
    expect(rows.map((r) => r.new_values['registry_id']).sort()).toEqual(['F1-A', 'F1-B', 'F1-C', 'F1-IA1', 'F1-IA2', 'F1-IB1', 'F1-IC1']);

    // Audit: the start, each committed batch and the final report name the run and the uploader.
    const audit = await t.sql<{ action: string; actor_username: string; outcome: string; details: Json }>(
      `SELECT action, actor_username, outcome, details FROM audit_event WHERE target_type = 'registry_import' AND target_id = $1 ORDER BY seq`, [run.id]);
    expect(audit.map((a) => a.action)).toEqual(['registry.import_started', 'registry.imported', 'registry.imported']);
    expect(audit.every((a) => a.actor_username === 'import.officer' && a.outcome === 'success')).toBe(true);
    expect(audit[0]!.details).toEqual({ filename: 'patients.ndjson', bytesTotal: Buffer.byteLength(file) });
    expect(audit[1]!.details).toMatchObject({ units: 7, inserted: 7 });
    expect(audit[2]!.details).toMatchObject({ final: true, format: 'fhir-ndjson', inserted: 7, rejected: 0 });

    const listed = await officer.get('/api/v1/registry-imports');
    expect(listed.status).toBe(200);
    expect((listed.body as RegistryImportResponse[]).find((r) => r.id === run.id)).toMatchObject({ status: 'completed', inserted: 7, rejections: [] });

    const a = await view((await personId('F1-A'))!);
    expect(a.immunizations.map((i) => [i.registryId, i.cvx, i.vaccineGroup, i.occurrenceDate, i.lotNumber, i.doseNumber, i.mvx, i.performer, i.source])).toEqual([
      ['F1-IA2', '03', 'mmr', '2019-05-02', 'MMR-77', 2, 'PFR', 'Boston Medical Center', 'fhir-ndjson'],
      ['F1-IA1', '208', 'covid19', '2021-03-04', 'EL9261', 1, 'PFR', 'Boston Medical Center', 'fhir-ndjson'],
    ]);
    expect(a.history).toHaveLength(3);
    expect(a.history.every((h) => h.changeSource === 'import' && h.changedBy === 'import.officer')).toBe(true);
    expect((await view((await personId('F1-C'))!)).immunizations.map((i) => i.status)).toEqual(['entered-in-error']);
  });

  it('imports an HL7 v2.5.1 VXU batch file with escape sequences decoded, and a re-run changes nothing', async () => {
    const { text } = hl7File([
      [FHS, BHS],
      [msh('H2-1'), pid('H2-A'), ...dose('H2-IA1'), ...dose('H2-IA2', { cvx: '20', date: '20240710', doseNo: '2', lot: String.raw`LOT\F\7` })],
      [msh('H2-2'), pid('H2-B', { family: 'Nguyen', given: 'Thi', birth: '20180101', address: String.raw`1 Rue \T\ Bar\.br\Unit 2`, phone: '5559876' }), ...dose('H2-IB1', { org: String.raw`Caf\XC3A9\ Clinic` })],
      ['BTS|2', 'FTS|1'],
    ]);
    const run = await importVia('vxu-batch.hl7', text);
    expect(run).toMatchObject({ status: 'completed', format: 'hl7v2', inserted: 5, updated: 0, unchanged: 0, rejected: 0, conflicts: 0, rejections: [] });

    const [a] = await t.sql<Json>(`SELECT given_names, family_name, birth_date::text AS birth_date, address_line, city, zip, county, phones, emails, aliases, source
      FROM person WHERE registry_id = 'H2-A'`);
    expect(a).toEqual({
      given_names: 'Mary Ann', family_name: 'O&Brien', birth_date: '2015-06-14', address_line: '123 Main St|Apt 4', city: 'Providence', zip: '02909',
      county: '007', phones: ['+14015551234'], emails: ['h2-a@example.com'], aliases: [{ kind: 'maiden', given: 'Mary', family: 'Smith' }], source: 'hl7v2',
    });
    const [b] = await t.sql<{ address_line: string }>(`SELECT address_line FROM person WHERE registry_id = 'H2-B'`);
    expect(b!.address_line).toBe('1 Rue & Bar\nUnit 2');
    const imms = await t.sql<Json>(`SELECT registry_id, cvx, mvx, lot_number, occurrence_date::text AS occurrence_date, dose_number, performer, status, source
      FROM immunization WHERE registry_id LIKE 'H2-%' ORDER BY registry_id`);
    expect(imms).toEqual([
      { registry_id: 'H2-IA1', cvx: '08', mvx: 'MSD', lot_number: 'Y8HG3', occurrence_date: '2024-05-10', dose_number: 1, performer: 'Smith & Jones Pediatrics', status: 'completed', source: 'hl7v2' },
      { registry_id: 'H2-IA2', cvx: '20', mvx: 'MSD', lot_number: 'LOT|7', occurrence_date: '2024-07-10', dose_number: 2, performer: 'Smith & Jones Pediatrics', status: 'completed', source: 'hl7v2' },
      { registry_id: 'H2-IB1', cvx: '08', mvx: 'MSD', lot_number: 'Y8HG3', occurrence_date: '2024-05-10', dose_number: 1, performer: 'Café Clinic', status: 'completed', source: 'hl7v2' },
    ]);
    expect(await history('H2-')).toBe(5);

    const again = await importVia('vxu-batch.hl7', text);
    expect(again).toMatchObject({ status: 'completed', format: 'hl7v2', inserted: 0, updated: 0, unchanged: 5, rejected: 0, conflicts: 0 });
    expect(await history('H2-')).toBe(5);
    expect([await persons('H2-'), await doses('H2-')]).toEqual([2, 3]);
  });

  it('re-running the same file changes nothing; a file with one phone changed gives exactly one update and one history row', async () => {
    const ids = ['I3-A', 'I3-B', 'I3-C', 'I3-D'];
    const lines = (phoneOfC: string) => ids.flatMap((id) => [
      patient(id, id === 'I3-C' ? { telecom: [{ system: 'phone', value: phoneOfC }] } : {}),
      immunization(`${id}-IMM`, id),
    ]);
    const first = await importVia('idem.ndjson', ndjson(...lines('617-555-0199')));
    expect(first).toMatchObject({ inserted: 8, updated: 0, unchanged: 0, rejected: 0 });
    const historyAfterFirst = await history('I3-');
    expect(historyAfterFirst).toBe(8);

    const second = await importVia('idem.ndjson', ndjson(...lines('617-555-0199')));
    expect(second).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 8, rejected: 0, conflicts: 0 });
    expect(await history('I3-')).toBe(historyAfterFirst);
    expect([await persons('I3-'), await doses('I3-')]).toEqual([4, 4]);
    const versions = await t.sql<{ v: number }>(`SELECT max(version)::int AS v FROM person WHERE registry_id LIKE 'I3-%'`);
    expect(versions[0]!.v).toBe(1);

    const changed = await importVia('idem-changed.ndjson', ndjson(...lines('(617) 555-0142')));
    expect(changed).toMatchObject({ status: 'completed', inserted: 0, updated: 1, unchanged: 7, rejected: 0, conflicts: 0 });
    expect(await history('I3-')).toBe(historyAfterFirst + 1);
    const [c] = await t.sql<{ phones: string[]; version: number }>(`SELECT phones, version FROM person WHERE registry_id = 'I3-C'`);
    expect(c).toEqual({ phones: ['+16175550142'], version: 2 });
    const [h] = await t.sql<{ record_type: string; version: number; old_values: Json; new_values: Json; changed_by_username: string }>(
      `SELECT h.record_type, h.version, h.old_values, h.new_values, h.changed_by_username FROM record_history h
         JOIN person p ON p.id = h.person_id WHERE p.registry_id = 'I3-C' ORDER BY h.id DESC LIMIT 1`);
    expect(h).toEqual({ record_type: 'person', version: 2, old_values: { phones: ['+16175550199'] }, new_values: { phones: ['+16175550142'] }, changed_by_username: 'import.officer' });
    const shown = await view((await personId('I3-C'))!);
    expect(shown.history[0]).toMatchObject({ recordType: 'person', version: 2, oldValues: { phones: ['+16175550199'] }, newValues: { phones: ['+16175550142'] } });
  });

  it('after a run that stopped halfway (truncated file), the full file completes it without duplicates', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `T4-${String(i).padStart(2, '0')}`);
    const full = ndjson(...ids.flatMap((id) => [patient(id), immunization(`${id}-IMM`, id)]));
    const lines = full.split('\n');
    // Cut inside line 21 (the 11th Patient): 20 complete lines, then a broken one.
    const cut = lines.slice(0, 20).join('\n').length + 1 + 30;
    const half = full.slice(0, cut);
    expect(half.endsWith('\n')).toBe(false);

    const first = await importVia('truncated.ndjson', half);
    expect(first).toMatchObject({ status: 'completed', inserted: 20, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.rejections).toEqual([{ position: 'line 21', reason: expect.stringMatching(/^invalid JSON: /) as unknown }]);
    expect([await persons('T4-'), await doses('T4-')]).toEqual([10, 10]);

    const second = await importVia('full.ndjson', full);
    expect(second).toMatchObject({ status: 'completed', inserted: 20, updated: 0, unchanged: 20, rejected: 0, conflicts: 0 });
    expect([await persons('T4-'), await doses('T4-'), await history('T4-')]).toEqual([20, 20, 40]);
    const twice = await t.sql(`SELECT registry_id FROM record_history h JOIN person p ON p.id = h.person_id
      WHERE p.registry_id LIKE 'T4-%' GROUP BY registry_id, h.record_id HAVING count(*) > 1`);
    expect(twice).toEqual([]);
  });

  it('a run whose input breaks off is recorded failed with whole batches kept, and importing the file again completes it', async () => {
    const svc = t.app.get(RegistryImportService);
    const ids = Array.from({ length: 250 }, (_, i) => `K4-${String(i).padStart(3, '0')}`);
    const full = ndjson(...ids.map((id) => patient(id)));
    const firstLines = full.split('\n').slice(0, 230).join('\n') + '\n';
    async function* breaking(): AsyncGenerator<Buffer> {
      yield Buffer.from(firstLines);
      await sleep(10);
      throw new Error('read error on the import file');
    }
    const id = await svc.start('breaking.ndjson', Buffer.byteLength(full));
    const outcome = await within(
      svc.process(id, { filename: 'breaking.ndjson', bytesTotal: Buffer.byteLength(full), stream: Readable.from(breaking()) }),
      15_000, 'still running after 15 s');
    expect(outcome).toMatchObject({ status: 'failed', error: 'read error on the import file', inserted: 200 });
    // The first batch (200 units) committed; the 30 units of the batch in progress did not.
    expect(await persons('K4-')).toBe(200);
    const failed = await t.sql<{ details: Json; outcome: string }>(
      `SELECT details, outcome FROM audit_event WHERE action = 'registry.import_failed' AND target_id = $1`, [id]);
    expect(failed).toEqual([{ outcome: 'failed', details: { error: 'read error on the import file' } }]);

    const path = join(tmp, 'breaking.ndjson');
    writeFileSync(path, full);
    const rerun = await svc.importFile(path);
    expect(rerun).toMatchObject({ status: 'completed', filename: 'breaking.ndjson', inserted: 50, unchanged: 200, updated: 0, rejected: 0 });
    expect(await persons('K4-')).toBe(250);
  });

  it('keeps a family name staff corrected, reports the conflict and flags the person', async () => {
    const file = (family: string, phone: string) => ndjson(
      patient('C5-A', { name: [officialName(family)], telecom: [{ system: 'phone', value: phone }] }),
      immunization('C5-IA1', 'C5-A'),
    );
    expect(await importVia('conflict-1.ndjson', file('Okafor', '6175550101'))).toMatchObject({ inserted: 2, conflicts: 0 });
    await t.sql(`UPDATE person SET family_name = 'Okafor-Smith', corrected_fields = ARRAY['family_name'] WHERE registry_id = 'C5-A'`);

    const run = await importVia('conflict-2.ndjson', file('Okafor-Jones', '6175550102'));
    expect(run).toMatchObject({ status: 'completed', conflicts: 1, updated: 1, unchanged: 1, inserted: 0, rejected: 0 });
    const [p] = await t.sql<{ id: string; family_name: string; phones: string[]; quality_flags: string[]; registry_conflict: Json }>(
      `SELECT id, family_name, phones, quality_flags, registry_conflict FROM person WHERE registry_id = 'C5-A'`);
    expect(p).toMatchObject({ family_name: 'Okafor-Smith', phones: ['+16175550102'], quality_flags: ['registry_conflict'] });
    // The applied change (phone) is in the history; the conflicting one is not.
    const [h] = await t.sql<{ old_values: Json; new_values: Json }>(
      `SELECT old_values, new_values FROM record_history WHERE record_id = $1 ORDER BY id DESC LIMIT 1`, [p!.id]);
    expect(h).toEqual({ old_values: { phones: ['+16175550101'] }, new_values: { phones: ['+16175550102'] } });

    const shown = await view(p!.id, 'registry_conflict_review');
    expect(shown.familyName).toBe('Okafor-Smith');
    expect(shown.qualityFlags).toEqual(['registry_conflict']);
    expect(shown.registryConflict).toEqual({ family_name: { tessera: 'Okafor-Smith', registry: 'Okafor-Jones' } });

    // The same file again: still a conflict, the flag is not doubled, Tessera's value still stands.
    expect(await importVia('conflict-2.ndjson', file('Okafor-Jones', '6175550102'))).toMatchObject({ conflicts: 1, updated: 0, unchanged: 1 });
    const [again] = await t.sql<{ family_name: string; quality_flags: string[] }>(`SELECT family_name, quality_flags FROM person WHERE registry_id = 'C5-A'`);
    expect(again).toEqual({ family_name: 'Okafor-Smith', quality_flags: ['registry_conflict'] });
  });

  it('keeps a lot number staff corrected on a dose and flags the person with which dose and field differ', async () => {
    const file = (lot: string) => ndjson(patient('C5-B'), immunization('C5-IB1', 'C5-B', { lotNumber: lot }), immunization('C5-IB2', 'C5-B', { lotNumber: 'OTHER-1' }));
    expect(await importVia('dose-conflict-1.ndjson', file('LOT-A'))).toMatchObject({ inserted: 3 });
    await t.sql(`UPDATE immunization SET lot_number = 'LOT-FIXED', corrected_fields = ARRAY['lot_number'] WHERE registry_id = 'C5-IB1'`);

    const run = await importVia('dose-conflict-2.ndjson', file('LOT-B'));
    expect(run).toMatchObject({ status: 'completed', conflicts: 1, updated: 0, unchanged: 2, inserted: 0, rejected: 0 });
    const [imm] = await t.sql<{ lot_number: string; version: number }>(`SELECT lot_number, version FROM immunization WHERE registry_id = 'C5-IB1'`);
    expect(imm).toEqual({ lot_number: 'LOT-FIXED', version: 1 });
    const shown = await view((await personId('C5-B'))!, 'registry_conflict_review');
    expect(shown.qualityFlags).toEqual(['registry_conflict']);
    expect(shown.registryConflict).toEqual({ 'immunization C5-IB1 lot_number': { tessera: 'LOT-FIXED', registry: 'LOT-B' } });
    expect(shown.immunizations.find((i) => i.registryId === 'C5-IB1')?.lotNumber).toBe('LOT-FIXED');
  });

  it('stores the longest names allowed (the search index keeps 640 of their trigrams) and refuses longer ones whole', async () => {
    // letters from a fixed pseudo-random sequence: nearly every trigram distinct, the worst case for the index row
    let x = 7;
    const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + ((x = (x * 1103515245 + 12345) % 2147483648) % 26))).join('');
    // Family names are at most 120 characters; the rest comes from previous names. 'ada' + nine words and their
    // separators: 3 + 8 × 110 + (last + 1) characters.
    const names = (last: number) => [...Array.from({ length: 8 }, () => 109), last].map((n, i) => ({ use: i === 0 ? 'official' : 'maiden', family: letters(n), given: ['Ada'] }));
    const file = ndjson(patient('M8-LONGEST', { name: names(MAX_NAME_CHARS - 884) }), patient('M8-TOO-LONG', { name: names(MAX_NAME_CHARS - 883) }));
    const run = await importVia('long-names.ndjson', file);
    expect(run.rejections).toEqual([{ position: 'line 2', reason: `Patient M8-TOO-LONG: names and aliases too long (${MAX_NAME_CHARS + 1} characters normalised; at most ${MAX_NAME_CHARS})` }]);
    expect(run).toMatchObject({ status: 'completed', inserted: 1, rejected: 1 });
    const [stored] = await t.sql<{ given_norm: string; name_keys: string[]; name_trigrams: number[] }>(
      `SELECT given_norm, name_keys, name_trigrams FROM person WHERE registry_id = 'M8-LONGEST'`);
    const all = Array.from(trigramSet(`${stored!.given_norm} ${stored!.name_keys.join(' ')}`));
    expect(all.length).toBeGreaterThan(640);
    expect(stored!.name_trigrams).toEqual(all.slice(0, 640));
    expect(await personId('M8-TOO-LONG')).toBeUndefined();
  });

  it('rejects bad FHIR lines with their line and reason and imports the rest', async () => {
    const future = daysFromToday(10);
    const file = ndjson(
      patient('M6-A'), // 1
      '{"resourceType":"Patient","id":', // 2 broken JSON
      immunization('M6-I1', 'M6-A', { vaccineCode: { coding: [{ system: CVX, code: '999' }] } }), // 3 unknown CVX
      patient('M6-B', { birthDate: undefined }), // 4 no birth date
      immunization('M6-I2', 'M6-A', { occurrenceDateTime: `${future}T09:00:00Z` }), // 5 in the future
      patient('M6-A', { name: [officialName('Someone-Else')] }), // 6 duplicate id
      immunization('M6-I3', 'M6-NOBODY'), // 7 unknown person
      immunization('M6-I4', 'M6-A'), // 8 fine
      immunization('M6-I5', 'M6-A', { protocolApplied: [{ doseNumberPositiveInt: 60 }] }), // 9 refused by the database
      patient('M6-C'), // 10 fine
    );
    const run = await importVia('malformed.ndjson', file);
    expect(run).toMatchObject({ status: 'completed', format: 'fhir-ndjson', inserted: 3, updated: 0, unchanged: 0, rejected: 7 });
    expect(run.rejections).toEqual([
      { position: 'line 2', reason: expect.stringMatching(/^invalid JSON: /) as unknown },
      { position: 'line 3', reason: 'unknown CVX code 999' },
      { position: 'line 4', reason: 'Patient M6-B has no birthDate' },
      { position: 'line 5', reason: `occurrenceDateTime ${future} is in the future` },
      { position: 'line 6', reason: 'duplicate Patient id M6-A (first at line 1)' },
      { position: 'line 7', reason: 'immunization M6-I3 refers to unknown person M6-NOBODY' },
      { position: 'line 9', reason: 'could not be stored (constraint ck_immunization_dose_number)' },
    ]);
    expect((await t.sql<{ registry_id: string }>(`SELECT registry_id FROM person WHERE registry_id LIKE 'M6-%' ORDER BY 1`)).map((r) => r.registry_id)).toEqual(['M6-A', 'M6-C']);
    expect((await t.sql<{ registry_id: string }>(`SELECT registry_id FROM immunization WHERE registry_id LIKE 'M6-%'`)).map((r) => r.registry_id)).toEqual(['M6-I4']);
    expect((await t.sql<{ family_name: string }>(`SELECT family_name FROM person WHERE registry_id = 'M6-A'`))[0]!.family_name).toBe('Okafor');
    expect(await history('M6-')).toBe(3);
    const rows = await t.sql<{ position: string }>('SELECT position FROM registry_import_rejection WHERE import_id = $1 ORDER BY seq', [run.id]);
    expect(rows.map((r) => r.position)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 9']);
  });

  it('rejects bad HL7 messages whole (never half a person) with their position and reason, and imports the rest', async () => {
    const future = daysFromToday(10).replace(/-/g, '');
    const { text, starts } = hl7File([
      [msh('1'), pid('M6-H1'), ...dose('M6-HZ1')],
      [msh('2'), pid('M6-H2'), dose('M6-HZ2')[1]!, dose('M6-HZ2')[0]!], // RXA before its ORC
      [msh('3'), pid('M6-H3', { family: String.raw`O\Q\Brien` })], // unknown escape
      [msh('4'), pid('M6-H4', { address: String.raw`123 Main St\F` })], // unterminated escape
      [msh('5'), pid('M6-H5'), ...dose('M6-HZ5a'), ...dose('M6-HZ5b', { cvx: '999' })], // a good dose and an unknown CVX
      [msh('6'), pid('M6-H6'), ...dose('M6-HZ6a'), ...dose('M6-HZ6b', { doseNo: '60' })], // refused by the database after the person was written
      [msh('7'), pid('M6-H7'), ...dose('M6-HZ7a'), ...dose('M6-HZ1')], // a dose id that belongs to another person
      [msh('8'), pid('M6-H8', { birth: '' })], // no birth date
      [msh('9'), pid('M6-H9'), ...dose('M6-HZ9', { date: future })], // administered in the future
      [msh('10'), pid('M6-H1')], // the same patient twice in a file
      [msh('11'), pid('M6-H11'), ...dose('M6-HZ11')],
    ]);
    const at = (n: number) => `message ${n} (line ${starts[n - 1]})`;
    const run = await importVia('malformed.hl7', text);
    expect(run).toMatchObject({ status: 'completed', format: 'hl7v2', inserted: 4, updated: 0, unchanged: 0, rejected: 9 });
    expect(run.rejections).toEqual([
      { position: at(2), reason: `RXA at segment 3 (line ${starts[1]! + 2}) without a preceding ORC` },
      { position: at(3), reason: String.raw`bad escape in PID-5 at segment 2 (line ${starts[2]! + 1}): unknown escape sequence '\Q\'` },
      { position: at(4), reason: String.raw`bad escape in PID-11 at segment 2 (line ${starts[3]! + 1}): unterminated escape sequence '\F'` },
      { position: at(5), reason: 'unknown CVX code 999' },
      { position: at(6), reason: 'could not be stored (constraint ck_immunization_dose_number)' },
      { position: at(7), reason: 'immunization M6-HZ1 already belongs to another person' },
      { position: at(8), reason: `PID-7 birth date is missing (segment 2 (line ${starts[7]! + 1}))` },
      { position: at(9), reason: `RXA-3 administration date ${daysFromToday(10)} is in the future` },
      { position: at(10), reason: 'duplicate patient id M6-H1 (first in message 1)' },
    ]);
    expect((await t.sql<{ registry_id: string }>(`SELECT registry_id FROM person WHERE registry_id LIKE 'M6-H%' ORDER BY 1`)).map((r) => r.registry_id))
      .toEqual(['M6-H1', 'M6-H11']);
    expect((await t.sql<{ registry_id: string }>(`SELECT registry_id FROM immunization WHERE registry_id LIKE 'M6-HZ%' ORDER BY 1`)).map((r) => r.registry_id))
      .toEqual(['M6-HZ1', 'M6-HZ11']);
    expect(await count(`record_history WHERE new_values->>'registry_id' LIKE 'M6-H%'`)).toBe(4);
  });

  it('answers an empty file and a file in neither format with a file-level rejection', async () => {
    const empty = await importVia('empty.ndjson', '');
    expect(empty).toMatchObject({ status: 'completed', format: null, inserted: 0, rejected: 1, rejections: [{ position: 'file', reason: "file 'empty.ndjson' is empty" }] });
    const csv = await importVia('export.csv', 'registry_id,given,family,birth_date\nSR-1,Ann,Lee,1980-01-01\n');
    expect(csv).toMatchObject({
      status: 'completed', format: null, inserted: 0, rejected: 1,
      rejections: [{ position: 'file', reason: "unrecognised format of file 'export.csv' (starts with 'registry'): expected FHIR NDJSON ('{') or HL7 v2 (MSH, FHS or BHS)" }],
    });
  });

  it('imports a 50 MB FHIR NDJSON file from the command line completely, in bounded memory', async () => {
    // Realistic US Core resources (narrative, race/ethnicity/birth-sex extensions, several identifiers): ~2.3 kB a
    // Patient, ~1.3 kB an Immunization; every 5000th line is broken on purpose.
    const narrative = (i: number) => `<div xmlns="http://www.w3.org/1999/xhtml"><p>Generated record ${i}. ${'Registry import volume test narrative. '.repeat(20)}</p></div>`;
    const bigPatient = (i: number) => JSON.stringify(patient(`V7-${i}`, {
      meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'], lastUpdated: '2025-05-01T10:00:00Z', versionId: '3' },
      text: { status: 'generated', div: narrative(i) },
      extension: [
        { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2106-3', display: 'White' } }, { url: 'text', valueString: 'White' }] },
        { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity', extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2186-5', display: 'Not Hispanic or Latino' } }, { url: 'text', valueString: 'Not Hispanic or Latino' }] },
        { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' },
      ],
      name: [officialName(`Núñez${i % 997}`, ['María', 'José']), { use: 'maiden', family: `García${i % 89}`, given: ['María'] }],
      birthDate: `19${String(50 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      telecom: [{ system: 'phone', value: `617555${String(i % 10_000).padStart(4, '0')}`, use: 'home' }, { system: 'email', value: `person${i}@example.org` }],
      communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es', display: 'Spanish' }] }, preferred: true }],
    }));
    const bigImmunization = (i: number) => JSON.stringify(immunization(`V7-I${i}`, `V7-${i}`, {
      meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-immunization'], lastUpdated: '2025-05-01T10:00:00Z' },
      text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${'Dose administered at the mass vaccination site. '.repeat(10)}</div>` },
      lotNumber: `EL${i % 9999}`, protocolApplied: [{ series: 'COVID-19 primary', doseNumberPositiveInt: 1 + (i % 3) }],
      route: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', code: 'IM', display: 'Injection, intramuscular' }] },
      site: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: 'LA', display: 'left arm' }] },
    }));

    const target = 50 * 1024 * 1024;
    const path = join(tmp, 'volume.ndjson');
    const fd = openSync(path, 'w');
    let size = 0;
    let lines = 0;
    let broken = 0;
    let patients = 0;
    let pending: string[] = [];
    for (let i = 0; size < target; i++) {
      patients++;
      for (const line of [bigPatient(i), bigImmunization(i)]) {
        lines++;
        const text = lines % 5000 === 0 ? (broken++, '{"resourceType":"Patient","id":\n') : `${line}\n`;
        pending.push(text);
        size += Buffer.byteLength(text);
      }
      if (pending.length >= 500) {
        writeSync(fd, pending.join(''));
        pending = [];
      }
    }
    writeSync(fd, pending.join(''));
    closeSync(fd);
    pending = [];
    expect(statSync(path).size).toBe(size);

    // Live memory (after a full collection) of the heap and of buffers outside it, sampled every second: a file held
    // whole would add >= 50 MB (as a Buffer) or ~100 MB (as a string), the parsed items several times the file. What
    // legitimately grows with the file is the parser's per-file duplicate-id sets (~40k ids here, a few MB).
    const gc = collector();
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const svc = t.app.get(RegistryImportService);
    const baseline = live();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 1000);
    const started = Date.now();
    let run: RegistryImportResponse;
    try {
      run = await svc.importFile(path);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    peak = Math.max(peak, live());
    const growthMb = (peak - baseline) / (1024 * 1024);

    expect(run).toMatchObject({ status: 'completed', format: 'fhir-ndjson', inserted: lines - broken, rejected: broken, updated: 0, bytesRead: size, bytesTotal: size });
    // Line 5000, 10000… are Immunization lines (even): every Patient is in, every dose but the broken ones.
    expect(await persons('V7-')).toBe(patients);
    expect(await doses('V7-I')).toBe(lines - patients - broken);
    expect(growthMb).toBeLessThan(25);
    // For the report (jest shows console output of the file): how long, how much memory.
    console.info(`50 MB import: ${lines} lines, ${seconds.toFixed(1)} s, peak live memory growth ${growthMb.toFixed(1)} MB`);
  }, 240_000);

  it('lets only records officers upload, and only application/octet-stream', async () => {
    const before = await count('registry_import');
    const denied = await agent.upload('/api/v1/registry-imports', ndjson(patient('P8-A')), { 'Content-Type': 'application/octet-stream', 'X-Filename': 'x.ndjson' });
    expect(denied.status).toBe(403);
    expect((await agent.get('/api/v1/registry-imports')).status).toBe(403);
    const wrongType = await officer.upload('/api/v1/registry-imports', 'registry_id,given\nSR-1,Ann\n', { 'Content-Type': 'text/csv', 'X-Filename': 'x.csv' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrongType.body).toMatchObject({ status: 415, title: 'Unsupported Media Type', detail: expect.stringContaining('application/octet-stream') as unknown });
    expect(await count('registry_import')).toBe(before);
    expect(await persons('P8-')).toBe(0);
  });

  it('reports a run that stopped sending heartbeats as failed (interrupted); a live one stays running', async () => {
    const [stale] = await t.sql<{ id: string }>(
      `INSERT INTO registry_import (filename, status, heartbeat_at, started_at) VALUES ('stale.ndjson', 'running', now() - interval '6 minutes', now() - interval '10 minutes') RETURNING id`);
    const [live] = await t.sql<{ id: string }>(
      `INSERT INTO registry_import (filename, status, heartbeat_at) VALUES ('live.ndjson', 'running', now() - interval '4 minutes') RETURNING id`);
    const res = await officer.get(`/api/v1/registry-imports/${stale!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/) as unknown });
    expect((res.body as RegistryImportResponse).finishedAt).not.toBeNull();
    expect((await officer.get(`/api/v1/registry-imports/${live!.id}`)).body).toMatchObject({ status: 'running', error: null });
    // The list notices stalled runs too (the runs it shows are the 20 most recent, so the database says what it did).
    const [stale2] = await t.sql<{ id: string }>(
      `INSERT INTO registry_import (filename, status, heartbeat_at) VALUES ('stale-2.ndjson', 'running', now() - interval '301 seconds') RETURNING id`);
    expect((await officer.get('/api/v1/registry-imports')).status).toBe(200);
    const statuses = await t.sql<{ id: string; status: string; error: string | null }>(
      'SELECT id, status, error FROM registry_import WHERE id = ANY($1::uuid[]) ORDER BY filename', [[stale!.id, stale2!.id, live!.id]]);
    expect(statuses.map((r) => [r.id, r.status, r.error?.slice(0, 12) ?? null])).toEqual([
      [live!.id, 'running', null], [stale2!.id, 'failed', 'interrupted:'], [stale!.id, 'failed', 'interrupted:'],
    ]);
    await t.sql(`UPDATE registry_import SET status = 'completed', finished_at = now() WHERE id = $1`, [live!.id]);
  });

  describe('with a 1000-byte import limit', () => {
    let small: TestApp;
    let smallOfficer: ApiClient;

    beforeAll(async () => {
      small = await startTestApp({ TESSERA_IMPORT_MAX_BYTES: '1000' });
      smallOfficer = (await signIn(small, await createEnrolledStaff(small, 'limit.officer', ['records_officer']))).client;
      await new Promise<void>((resolve) => small.http.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => small.close());

    /** A chunked upload (no Content-Length, as a streaming client sends it): the server learns the size only while reading. */
    function chunkedUpload(body: Buffer): Promise<{ status: number; contentType: string; body: string } | { error: string }> {
      const { port } = small.http.address() as AddressInfo;
      const xsrf = smallOfficer.cookie('XSRF-TOKEN') ?? '';
      return new Promise((resolve) => {
        const req = httpRequest({
          // No keep-alive agent: an idle pooled connection would hold the app's close for the keep-alive timeout.
          host: '127.0.0.1', port, method: 'POST', path: '/api/v1/registry-imports', agent: false,
          headers: {
            'Content-Type': 'application/octet-stream', 'X-Filename': 'streamed.ndjson', 'Transfer-Encoding': 'chunked', 'X-XSRF-TOKEN': xsrf,
            Cookie: `tessera_session=${smallOfficer.cookie('tessera_session')}; XSRF-TOKEN=${xsrf}`,
          },
        }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: text }));
        });
        req.on('error', (err) => resolve({ error: err.message }));
        void (async () => {
          for (let i = 0; i < body.length && !req.destroyed; i += 512) {
            req.write(body.subarray(i, i + 512));
            await sleep(5);
          }
          req.end();
        })();
      });
    }

    it('accepts a file of exactly the limit', async () => {
      const line = JSON.stringify(patient('L8-A'));
      const body = line + ' '.repeat(1000 - Buffer.byteLength(line) - 1) + '\n';
      expect(Buffer.byteLength(body)).toBe(1000);
      const res = await smallOfficer.upload('/api/v1/registry-imports', body, { 'Content-Type': 'application/octet-stream', 'X-Filename': 'limit.ndjson' });
      expect(res.status).toBe(202);
      expect(await waitForRun(smallOfficer, (res.body as RegistryImportResponse).id)).toMatchObject({ status: 'completed', inserted: 1, bytesRead: 1000 });
    });

    it('refuses a declared body over the limit with 413 before storing anything', async () => {
      const before = await small.sql<{ n: number }>('SELECT count(*)::int AS n FROM registry_import');
      const body = ndjson(...Array.from({ length: 10 }, (_, i) => patient(`L8-B${i}`)));
      const res = await smallOfficer.upload('/api/v1/registry-imports', body, { 'Content-Type': 'application/octet-stream', 'X-Filename': 'big.ndjson' });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 413, detail: 'Imports are limited to 1000 bytes.' });
      // Refused from the Content-Length alone: no run was started.
      expect((await small.sql<{ n: number }>('SELECT count(*)::int AS n FROM registry_import'))[0]!.n).toBe(before[0]!.n);
    });

    it('stops a streamed body at the limit with 413 and records the run failed', async () => {
      const body = Buffer.from(ndjson(...Array.from({ length: 40 }, (_, i) => patient(`L8-C${i}`))));
      const res = await chunkedUpload(body);
      expect(res).toMatchObject({ status: 413, contentType: expect.stringMatching(/^application\/problem\+json/) as unknown });
      const [run] = await small.sql<{ id: string; status: string; error: string; filename: string }>(
        `SELECT id, status, error, filename FROM registry_import WHERE filename = 'streamed.ndjson'`);
      expect(run).toMatchObject({ status: 'failed', error: 'Imports are limited to 1000 bytes.' });
      const audit = await small.sql<{ action: string; actor_username: string }>(
        `SELECT action, actor_username FROM audit_event WHERE target_type = 'registry_import' AND target_id = $1 ORDER BY seq`, [run!.id]);
      expect(audit).toEqual([
        { action: 'registry.import_started', actor_username: 'limit.officer' },
        { action: 'registry.import_failed', actor_username: 'limit.officer' },
      ]);
      expect((await small.sql<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE registry_id LIKE 'L8-C%'`))[0]!.n).toBe(0);
    });
  });
});
