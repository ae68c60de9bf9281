import { diffFields } from './record-diff';

describe('diffFields', () => {
  const current: { given_names: string; family_name: string; phones: string[]; zip: string | null } = { given_names: 'Ann', family_name: 'Lee', phones: ['+16175550123'], zip: '02139' };
  it('applies changed fields and keeps their old values', () => {
    const d = diffFields(current, { ...current, family_name: 'Moreau', zip: null }, []);
    expect(d).toEqual({ apply: { family_name: 'Moreau', zip: null }, old: { family_name: 'Lee', zip: '02139' }, conflicts: {} });
  });
  it('turns a change to a field staff corrected into a conflict instead of applying it', () => {
    const d = diffFields(current, { ...current, family_name: 'Moreau', phones: ['+16175559999'] }, ['family_name']);
    expect(d.apply).toEqual({ phones: ['+16175559999'] });
    expect(d.conflicts).toEqual({ family_name: { tessera: 'Lee', registry: 'Moreau' } });
  });
  it('sees nothing to do when the record is the same', () => {
    expect(diffFields(current, { ...current, phones: ['+16175550123'] }, ['zip'])).toEqual({ apply: {}, old: {}, conflicts: {} });
  });
});
