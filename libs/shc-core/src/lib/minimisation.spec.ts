import type { JsonObject } from './encoding';
import { type MinimisationRule, checkMinimisation } from './minimisation';

function card(): JsonObject {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: 'Lee', given: ['Ann'] }], birthDate: '1990' } },
      {
        fullUrl: 'resource:1',
        resource: {
          resourceType: 'Immunization',
          status: 'completed',
          vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '207' }] },
          patient: { reference: 'resource:0' },
          occurrenceDateTime: '2021-01-01',
          performer: [{ actor: { display: 'ABC General Hospital' } }],
          lotNumber: '1',
        },
      },
    ],
  };
}

/** Applies a change to a deep copy of the conformant card. */
function mutate(change: (b: { entry: { fullUrl: string; resource: Record<string, unknown> }[] } & Record<string, unknown>) => void): JsonObject {
  const copy = JSON.parse(JSON.stringify(card()));
  change(copy);
  return copy;
}

describe('checkMinimisation', () => {
  it('passes a conformant card (Reference.display is allowed)', () => {
    expect(checkMinimisation(card())).toEqual([]);
  });

  it('accepts meta holding only security', () => {
    const bundle = mutate((b) => {
      b.entry[0]!.resource['meta'] = { security: [{ system: 'https://smarthealth.cards/ial', code: 'IAL1.4' }] };
    });
    expect(checkMinimisation(bundle)).toEqual([]);
  });

  it.each<[string, Parameters<typeof mutate>[0], MinimisationRule, string]>([
    ['Bundle.id', (b) => { b['id'] = 'x'; }, 'id', 'id'],
    ['Resource.id', (b) => { b.entry[1]!.resource['id'] = 'x'; }, 'id', 'entry[1].resource.id'],
    ['meta.lastUpdated', (b) => { b.entry[0]!.resource['meta'] = { lastUpdated: '2021-01-01' }; }, 'meta', 'entry[0].resource.meta'],
    ['Bundle.meta', (b) => { b['meta'] = { versionId: '1' }; }, 'meta', 'meta'],
    ['DomainResource.text', (b) => { b.entry[1]!.resource['text'] = { status: 'generated', div: '<div/>' }; }, 'text', 'entry[1].resource.text'],
    ['CodeableConcept.text', (b) => { (b.entry[1]!.resource['vaccineCode'] as Record<string, unknown>)['text'] = 'Moderna'; }, 'text', 'entry[1].resource.vaccineCode.text'],
    ['Coding.display', (b) => { (b.entry[1]!.resource['vaccineCode'] as { coding: Record<string, unknown>[] }).coding[0]!['display'] = 'Moderna'; }, 'display', 'entry[1].resource.vaccineCode.coding[0].display'],
    ['valueCoding.display', (b) => { b.entry[1]!.resource['reasonCode'] = { valueCoding: { system: 's', code: 'c', display: 'd' } }; }, 'display', 'entry[1].resource.reasonCode.valueCoding.display'],
    ['an absolute reference', (b) => { b.entry[1]!.resource['patient'] = { reference: 'Patient/123' }; }, 'reference', 'entry[1].resource.patient.reference'],
    ['a dangling reference', (b) => { b.entry[1]!.resource['patient'] = { reference: 'resource:7' }; }, 'reference', 'entry[1].resource.patient.reference'],
    ['a performer reference', (b) => { b.entry[1]!.resource['performer'] = [{ actor: { reference: 'Organization/1', display: 'X' } }]; }, 'reference', 'entry[1].resource.performer[0].actor.reference'],
    ['a long fullUrl', (b) => { b.entry[0]!.fullUrl = 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427'; }, 'fullUrl', 'entry[0].fullUrl'],
    ['status entered-in-error', (b) => { b.entry[1]!.resource['status'] = 'entered-in-error'; }, 'status', 'entry[1].resource.status'],
  ])('flags %s', (_label, change, rule, path) => {
    const issues = checkMinimisation(mutate(change));
    expect(issues).toContainEqual(expect.objectContaining({ rule, path }));
  });

  it('flags an entry list that is not an array', () => {
    expect(checkMinimisation({ resourceType: 'Bundle', entry: {} })).toMatchObject([{ rule: 'structure' }]);
  });
});
