import type { ImportItem } from '@tessera/registry-core';
import { parseFhirNdjson } from './fhir';
import { chunks, collect, NOW, whole } from './spec-helpers';

const CVX = 'http://hl7.org/fhir/sid/cvx';

function patient(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Patient',
    id: 'pat-1',
    identifier: [
      { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999-00-1234' },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'https://iis.example.gov/registry', value: 'SR-1001' },
    ],
    name: [
      { use: 'official', family: 'Núñez-García', given: ['María', 'José'], suffix: ['Jr'] },
      { use: 'maiden', family: 'García', given: ['María'] },
      { use: 'old', family: 'Smith', given: ['Maria'] },
      { use: 'nickname', given: ['Majo'] },
    ],
    gender: 'female',
    birthDate: '1984-02-29',
    telecom: [
      { system: 'phone', value: '(617) 555-1234', use: 'home' },
      { system: 'sms', value: '617.555.1234' },
      { system: 'phone', value: '555-12' },
      { system: 'email', value: ' Maria.Nunez@Example.ORG ' },
      { system: 'email', value: 'not-an-email' },
      { system: 'fax', value: '6175559999' },
    ],
    address: [{ line: ['12 Elm St', 'Apt 3'], city: 'Boston', state: 'ma', postalCode: '02118-4321', district: 'Suffolk' }],
    deceasedBoolean: false,
    ...over,
  };
}

function immunization(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Immunization',
    id: 'imm-local-1',
    identifier: [{ system: 'https://iis.example.gov/immunization', value: 'IMM-5001' }],
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '59267-1000-1' }, { system: CVX, code: '208', display: 'Pfizer' }] },
    patient: { reference: 'Patient/SR-1001' },
    occurrenceDateTime: '2021-03-04T10:15:00-05:00',
    lotNumber: 'EL9261',
    manufacturer: { identifier: { system: 'http://hl7.org/fhir/sid/mvx', value: 'pfr' }, display: 'Pfizer' },
    performer: [{ actor: { display: 'Boston Medical Center' } }],
    protocolApplied: [{ doseNumberPositiveInt: 2 }],
    ...over,
  };
}

const ndjson = (...lines: unknown[]): string => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
const parse = (text: string): Promise<ImportItem[]> => collect(parseFhirNdjson(whole(text), { now: NOW }));
const reasons = (items: ImportItem[]): string[] => items.map((i) => (i.kind === 'rejected' ? `${i.position}: ${i.reason}` : `${i.position}: ${i.kind}`));

describe('parseFhirNdjson', () => {
  it('maps a Patient to a person record', async () => {
    const [item] = await parse(ndjson(patient()));
    expect(item).toEqual({
      kind: 'person', position: 'line 1', immunizations: [],
      record: {
        registryId: 'SR-1001', given: 'María José', family: 'Núñez-García', suffix: 'Jr',
        aliases: [
          { kind: 'maiden', given: 'María', family: 'García' },
          { kind: 'previous', given: 'Maria', family: 'Smith' },
          { kind: 'alias', given: 'Majo', family: '' },
        ],
        birthDate: '1984-02-29', sex: 'F', phones: ['+16175551234'], emails: ['maria.nunez@example.org'],
        address: { line: '12 Elm St, Apt 3', city: 'Boston', state: 'MA', zip: '02118', county: 'Suffolk' },
        deceased: false,
      },
    });
  });

  it('falls back to an identifier whose system names the registry, then to the resource id; maps gender and death', async () => {
    const items = await parse(ndjson(
      patient({ identifier: [{ system: 'https://state.example.gov/immunization-registry', value: 'R-7' }], gender: 'other', deceasedDateTime: '2024-01-01' }),
      patient({ id: 'pat-9', identifier: [], gender: 'male', name: [{ use: 'usual', family: 'Lee', given: ['Ann'] }], address: [], telecom: [] }),
    ));
    const [a, b] = items.map((i) => (i.kind === 'person' ? i.record : null));
    expect([a?.registryId, a?.sex, a?.deceased]).toEqual(['R-7', 'U', true]);
    expect(b).toMatchObject({ registryId: 'pat-9', sex: 'M', given: 'Ann', family: 'Lee', suffix: null, aliases: [], phones: [], emails: [] });
    expect(b?.address).toEqual({ line: null, city: null, state: null, zip: null, county: null });
  });

  it('maps an Immunization to an immunization record', async () => {
    const items = await parse(ndjson(
      immunization(),
      immunization({
        identifier: undefined, id: 'imm-2', status: 'entered-in-error', manufacturer: { concept: { coding: [{ system: 'urn:mvx', code: 'MOD' }] } },
        protocolApplied: [{ doseNumberString: '3' }], performer: undefined, location: { display: 'Town Hall Clinic' }, lotNumber: undefined,
        occurrenceDateTime: '2022-12-01', vaccineCode: { coding: [{ system: CVX, code: '229' }] }, patient: { reference: 'https://fhir.example.gov/Patient/SR-1001' },
      }),
    ));
    expect(items[0]).toEqual({
      kind: 'immunization', position: 'line 1',
      record: {
        registryId: 'IMM-5001', personRegistryId: 'SR-1001', cvx: '208', mvx: 'PFR', lotNumber: 'EL9261', occurrenceDate: '2021-03-04',
        doseNumber: 2, performer: 'Boston Medical Center', status: 'completed', source: 'fhir-bulk',
      },
    });
    expect(items[1]).toEqual({
      kind: 'immunization', position: 'line 2',
      record: {
        registryId: 'imm-2', personRegistryId: 'SR-1001', cvx: '229', mvx: 'MOD', lotNumber: null, occurrenceDate: '2022-12-01',
        doseNumber: 3, performer: 'Town Hall Clinic', status: 'entered-in-error', source: 'fhir-bulk',
      },
    });
  });

  it('rejects a broken JSON line in the middle and goes on, with the right positions', async () => {
    const items = await parse(ndjson(patient(), '{"resourceType":"Patient","id":', '', immunization(), '[1,2]', '42', '{"resourceType":"Observation"}', '{}'));
    expect(reasons(items)).toEqual([
      'line 1: person',
      expect.stringMatching(/^line 2: invalid JSON: /),
      'line 4: immunization',
      'line 5: not a JSON object (array)',
      'line 6: not a JSON object (number)',
      "line 7: unknown resourceType 'Observation'",
      'line 8: missing resourceType',
    ]);
  });

  it('rejects missing and invalid required fields with precise reasons', async () => {
    const items = await parse(ndjson(
      immunization({ vaccineCode: { coding: [{ system: CVX, code: '999' }] } }),
      patient({ birthDate: undefined }),
      patient({ id: 'p2', identifier: [], birthDate: '2025-06-16' }),
      patient({ id: 'p3', identifier: [], birthDate: '1899-12-31' }),
      patient({ id: 'p4', identifier: [], birthDate: '2023-02-30' }),
      patient({ id: 'p5', identifier: [], birthDate: '1990-05' }),
      immunization({ occurrenceDateTime: '2025-07-01T08:00:00Z' }),
      immunization({ occurrenceDateTime: undefined }),
      immunization({ status: 'not-done' }),
      immunization({ patient: undefined }),
      immunization({ patient: { reference: 'Group/1' } }),
      immunization({ vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '59267-1000-1' }] } }),
      patient({ id: 'p6', identifier: [], name: [{ use: 'maiden', family: 'X' }] }),
      immunization({ status: undefined }),
    ));
    expect(reasons(items)).toEqual([
      'line 1: unknown CVX code 999',
      'line 2: Patient SR-1001 has no birthDate',
      'line 3: birthDate 2025-06-16 is in the future',
      'line 4: birthDate 1899-12-31 is before 1900',
      "line 5: birthDate '2023-02-30' is not a valid date",
      "line 6: birthDate '1990-05' is not a valid date",
      'line 7: occurrenceDateTime 2025-07-01 is in the future',
      'line 8: Immunization IMM-5001 has no occurrenceDateTime',
      "line 9: Immunization IMM-5001 has status 'not-done' (no dose was given)",
      'line 10: Immunization IMM-5001 has no patient reference',
      "line 11: Immunization IMM-5001 has no patient reference of the form Patient/<id> (got 'Group/1')",
      'line 12: Immunization IMM-5001 has no CVX vaccineCode',
      'line 13: Patient p6 has no usable name',
      "line 14: Immunization IMM-5001 has invalid status ''",
    ]);
  });

  it('accepts a date of today (UTC)', async () => {
    const items = await parse(ndjson(immunization({ occurrenceDateTime: '2025-06-15' })));
    expect(items[0]?.kind).toBe('immunization');
  });

  it('rejects a registry id seen earlier in the file for the same resource type only', async () => {
    const items = await parse(ndjson(
      patient({ birthDate: 'bad' }), // rejected: does not claim SR-1001
      patient(),
      immunization(),
      immunization({ identifier: [{ value: 'SR-1001' }] }), // same id, other type: fine
      patient({ name: [{ family: 'Other', given: ['Person'] }] }),
      immunization(),
    ));
    expect(reasons(items)).toEqual([
      "line 1: birthDate 'bad' is not a valid date",
      'line 2: person',
      'line 3: immunization',
      'line 4: immunization',
      'line 5: duplicate Patient id SR-1001 (first at line 2)',
      'line 6: duplicate Immunization id IMM-5001 (first at line 3)',
    ]);
  });

  it('handles a BOM, CRLF line ends and 7-byte chunks that split multi-byte characters', async () => {
    const text = '\uFEFF' + ndjson(patient(), immunization()).replace(/\n/g, '\r\n');
    const items = await collect(parseFhirNdjson(chunks(text, 7), { now: NOW }));
    expect(reasons(items)).toEqual(['line 1: person', 'line 2: immunization']);
    expect(items[0]?.kind === 'person' && items[0].record.family).toBe('Núñez-García');
  });

  it('rejects a line over the limit without stopping', async () => {
    const big = patient({ id: 'big', identifier: [], text: { div: 'x'.repeat(5000) } });
    const items = await collect(parseFhirNdjson(chunks(ndjson(patient(), big, immunization()), 7), { now: NOW, maxLineBytes: 2000 }));
    expect(reasons(items)).toEqual(['line 1: person', 'line 2: line too long (over 2000 bytes)', 'line 3: immunization']);
  });
});
