import { parseSearch } from './search-input';

describe('parseSearch', () => {
  it('finds a date, a phone in any format, an email and a registry id in the free text; the rest is a name', () => {
    const c = parseSearch({ q: 'José García-López 03/04/1980 (617) 555-0123 JOSE@Example.org ma000000042' });
    expect(c).toMatchObject({
      given: 'jose', family: 'garcia lopez', nameWords: ['jose', 'garcia', 'lopez'], birthDate: '1980-03-04', birthDateSwapped: '1980-04-03',
      phone: '+16175550123', email: 'jose@example.org', registryId: 'MA000000042', problems: [],
    });
  });
  it('keeps particles with the family name', () => {
    expect(parseSearch({ q: 'Maria Elena de la Cruz' })).toMatchObject({ given: 'maria elena', family: 'de la cruz' });
  });
  it('reads "Family, Given" with the family name first', () => {
    expect(parseSearch({ q: 'Smith, John Paul' })).toMatchObject({ family: 'smith', given: 'john paul' });
  });
  it('has no swapped date when day and month are equal or the swap is not a date', () => {
    expect(parseSearch({ birthDate: '1980-05-05' }).birthDateSwapped).toBeNull();
    expect(parseSearch({ birthDate: '1980-01-25' }).birthDateSwapped).toBeNull();
  });
  it('says what it could not understand', () => {
    expect(parseSearch({ q: 'smith 13/45/1980' }).problems).toEqual(['"13/45/1980" is not a date']);
    expect(parseSearch({ phone: '12' }).problems).toEqual(['"12" is not a phone number']);
  });
  it('lets explicit fields win over the box', () => {
    expect(parseSearch({ q: 'anne 1990-01-02', birthDate: '1991-02-03', name: 'Ann Lee' })).toMatchObject({ family: 'lee', given: 'ann', birthDate: '1991-02-03' });
  });
});
