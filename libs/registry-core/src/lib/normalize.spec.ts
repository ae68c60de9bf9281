import { familyNameKeys, normalizeName, normalizePhone, parseDate, personSearchKeys, surnameTokens, swapDayMonth, typedSurnameTokens } from './normalize';

describe('normalisation', () => {
  it('folds accents, case, hyphens and apostrophes', () => {
    expect(normalizeName("  José O'Brien-Núñez ")).toBe('jose obrien nunez');
  });
  it('keys compound and hyphenated family names by whole, parts and joined, without lone particles', () => {
    expect(familyNameKeys('de la Cruz')).toEqual(['de la cruz', 'delacruz', 'cruz']);
    expect(familyNameKeys('García-López')).toEqual(['garcia lopez', 'garcialopez', 'garcia', 'lopez']);
    expect(familyNameKeys('Smith')).toEqual(['smith']);
  });
  it('includes alias family names in the search keys', () => {
    expect(personSearchKeys({ given: 'Ann', family: 'Lee', aliases: [{ family: 'Moreau' }] }).nameKeys).toEqual(['lee', 'moreau']);
  });
  it('normalises US phone numbers to E.164 and refuses what cannot be a number', () => {
    expect(normalizePhone('(617) 555-0123')).toBe('+16175550123');
    expect(normalizePhone('1-617-555-0123')).toBe('+16175550123');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('555-0123')).toBeNull();
    expect(normalizePhone('(017) 555-0123')).toBeNull();
  });
  it('parses dates strictly and swaps day and month only when that is another date', () => {
    expect(parseDate('02/29/2024')).toBe('2024-02-29');
    expect(parseDate('02/29/2023')).toBeNull();
    expect(parseDate('19800304')).toBe('1980-03-04');
    expect(swapDayMonth('1980-03-04')).toBe('1980-04-03');
    expect(swapDayMonth('1980-03-14')).toBeNull();
  });

  it('keeps single surname words for the distinct-surname table, not compound or joined forms', () => {
    expect(surnameTokens(familyNameKeys('Anderson-Hansen')).sort()).toEqual(['anderson', 'hansen']);
    expect(surnameTokens(familyNameKeys('Smith'))).toEqual(['smith']);
    expect(surnameTokens([...familyNameKeys('de la Cruz'), ...familyNameKeys('Walker')]).sort()).toEqual(['cruz', 'de', 'la', 'walker']);
  });

  it('splits a typed family name into the words to look up, particles left out', () => {
    expect(typedSurnameTokens('García-López')).toEqual(['garcia', 'lopez']);
    expect(typedSurnameTokens('de la Cruz')).toEqual(['cruz']);
    expect(typedSurnameTokens('Andersen')).toEqual(['andersen']);
    expect(typedSurnameTokens('de la')).toEqual(['dela']);
  });
});
