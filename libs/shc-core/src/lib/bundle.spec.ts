import { type CardDose, type CardPerson, MVX_SYSTEM, buildImmunizationBundle, isFhirDate } from './bundle';
import { DoseNotCompletedError, ShcError } from './errors';
import { checkMinimisation } from './minimisation';

const person: CardPerson = { given: ['John', 'B.'], family: 'Anyperson', birthDate: '1951-01-20' };
const dose = (over: Partial<CardDose> = {}): CardDose => ({
  cvx: '207',
  occurrenceDate: '2021-01-01',
  performer: 'ABC General Hospital',
  lotNumber: '0000001',
  status: 'completed',
  ...over,
});

describe('buildImmunizationBundle', () => {
  it('builds the minimal bundle in the member order of the spec examples', () => {
    const bundle = buildImmunizationBundle(person, [dose(), dose({ cvx: '229', occurrenceDate: '2022-09-05' })]);
    expect(JSON.stringify(bundle)).toBe(
      '{"resourceType":"Bundle","type":"collection","entry":[' +
        '{"fullUrl":"resource:0","resource":{"resourceType":"Patient","name":[{"family":"Anyperson","given":["John","B."]}],"birthDate":"1951-01-20"}},' +
        '{"fullUrl":"resource:1","resource":{"resourceType":"Immunization","status":"completed","vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"207"}]},"patient":{"reference":"resource:0"},"occurrenceDateTime":"2021-01-01","performer":[{"actor":{"display":"ABC General Hospital"}}],"lotNumber":"0000001"}},' +
        '{"fullUrl":"resource:2","resource":{"resourceType":"Immunization","status":"completed","vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"229"}]},"patient":{"reference":"resource:0"},"occurrenceDateTime":"2022-09-05","performer":[{"actor":{"display":"ABC General Hospital"}}],"lotNumber":"0000001"}}]}',
    );
  });

  it('passes its own minimisation check', () => {
    const bundle = buildImmunizationBundle(person, [dose(), dose({ lotNumber: null, performer: null })]);
    expect(checkMinimisation(JSON.parse(JSON.stringify(bundle)))).toEqual([]);
  });

  it('omits lotNumber and performer when null or blank, and given when empty', () => {
    const bundle = buildImmunizationBundle({ given: [], family: ' Doe ', birthDate: '1980' }, [
      dose({ lotNumber: null, performer: '  ' }),
    ]);
    expect(bundle.entry[0].resource).toEqual({ resourceType: 'Patient', name: [{ family: 'Doe' }], birthDate: '1980' });
    const immunization = bundle.entry[1]?.resource;
    expect(immunization).not.toHaveProperty('lotNumber');
    expect(immunization).not.toHaveProperty('performer');
  });

  it('adds manufacturer.identifier (MVX) only when asked', () => {
    const withMvx = dose({ mvx: 'MOD' });
    expect(buildImmunizationBundle(person, [withMvx]).entry[1]?.resource).not.toHaveProperty('manufacturer');
    const bundle = buildImmunizationBundle(person, [withMvx, dose()], { includeManufacturer: true });
    expect(bundle.entry[1]?.resource.manufacturer).toEqual({ identifier: { system: MVX_SYSTEM, value: 'MOD' } });
    expect(bundle.entry[2]?.resource).not.toHaveProperty('manufacturer');
    expect(() => buildImmunizationBundle(person, [dose({ mvx: 'moderna' })], { includeManufacturer: true })).toThrow(/MVX/);
  });

  it.each(['entered-in-error', 'not-done', ''])('refuses a dose with status %j with a typed error', (status) => {
    let caught: unknown;
    try {
      buildImmunizationBundle(person, [dose(), dose({ status })]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DoseNotCompletedError);
    expect(caught).toMatchObject({ code: 'DOSE_NOT_COMPLETED', doseIndex: 1, status });
  });

  it.each<[string, CardPerson, CardDose[]]>([
    ['no doses', person, []],
    ['bad CVX', person, [dose({ cvx: 'COVID' })]],
    ['impossible date', person, [dose({ occurrenceDate: '2021-02-30' })]],
    ['partial occurrence date', person, [dose({ occurrenceDate: '2021-02' })]],
    ['date-time occurrence', person, [dose({ occurrenceDate: '2021-02-01T10:00:00Z' })]],
    ['bad birthDate', { ...person, birthDate: '20/01/1951' }, [dose()]],
    ['month 13 birthDate', { ...person, birthDate: '1951-13' }, [dose()]],
    ['blank family', { ...person, family: ' ' }, [dose()]],
    ['blank given', { ...person, given: ['John', ''] }, [dose()]],
  ])('refuses %s with INVALID_CARD_INPUT', (_label, p, doses) => {
    expect(() => buildImmunizationBundle(p, doses)).toThrow(ShcError);
    try {
      buildImmunizationBundle(p, doses);
    } catch (error) {
      expect((error as ShcError).code).toBe('INVALID_CARD_INPUT');
    }
  });
});

describe('isFhirDate', () => {
  it.each(['2024', '2024-02', '2024-02-29', '0001-01-01'])('accepts %s', (d) => expect(isFhirDate(d)).toBe(true));
  it.each(['2023-02-29', '2024-00', '2024-1-01', '24-01-01', '2024-01-32', ''])('rejects %s', (d) => expect(isFhirDate(d)).toBe(false));
});
