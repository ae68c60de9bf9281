import { trigramSequence, trigramSet, trigramSimilarity, wordSimilarity } from './trigram';
import { TypedName } from './name-signals';

const text = (codes: Iterable<number>) => [...codes].map((t) => String.fromCharCode(t >> 16, (t >> 8) & 0xff, t & 0xff));

describe('trigrams (pg_trgm semantics)', () => {
  it('pads each word with two spaces before and one after, like show_trgm', () => {
    expect(text(trigramSequence('ann b'))).toEqual(['  a', ' an', 'ann', 'nn ', '  b', ' b ']);
    expect(text(trigramSet('ann b'))).toEqual(['  a', '  b', ' an', ' b ', 'ann', 'nn ']);
    expect(text(trigramSet('anna anna'))).toHaveLength(5);
    expect(trigramSet('')).toHaveLength(0);
  });
  // Values printed by PostgreSQL 15's pg_trgm for the same calls (float4).
  it('gives pg_trgm similarity()', () => {
    expect(trigramSimilarity('word', 'two words')).toBe(Math.fround(0.36363637));
    expect(trigramSimilarity('jonh', 'john')).toBe(0.25);
    expect(trigramSimilarity('a', 'a b')).toBe(Math.fround(0.5));
    expect(trigramSimilarity('', 'a')).toBe(0);
  });
  it('gives pg_trgm word_similarity()', () => {
    expect(wordSimilarity('word', 'two words')).toBe(Math.fround(0.8));
    expect(wordSimilarity('mray', 'mary ann')).toBe(Math.fround(0.2));
    expect(wordSimilarity('ann', 'mary ann')).toBe(1);
    expect(wordSimilarity('maryann', 'mary ann')).toBe(Math.fround(0.54545456));
    expect(wordSimilarity('', 'mary')).toBe(0);
    // repeated trigrams and runs that restart (the lastPos bookkeeping), digits, several words on both sides
    expect(wordSimilarity('nna', 'xann annax')).toBe(Math.fround(0.25));
    expect(wordSimilarity('abcab', 'ab ca bc abca bcab')).toBe(Math.fround(0.6666667));
    expect(wordSimilarity('mary ann', 'annmary maryann')).toBe(Math.fround(0.72727275));
    expect(wordSimilarity('nn', 'ann anna')).toBe(Math.fround(0.33333334));
    expect(wordSimilarity('ann', 'ann anna ann')).toBe(1);
    expect(trigramSimilarity('r2d2', 'r2 d2')).toBe(Math.fround(0.375));
  });
});

describe('TypedName signals', () => {
  const person = { givenNorm: 'mary ann', familyNorm: 'garcia lopez', nameKeys: ['garcia lopez', 'garcialopez', 'garcia', 'lopez', 'moreau'] };
  it('takes the best family key, the given part and the swap', () => {
    const s = new TypedName('lopez', 'mary').signals(person);
    expect(s.family).toBe(1);
    expect(s.familyPrimary).toBe(trigramSimilarity('garcia lopez', 'lopez'));
    expect(s.given).toBe(1);
    expect(s.swapped).toBe(Math.fround(0.045454547)); // PostgreSQL: (similarity('mary ann', 'lopez') + the best key against 'mary') / 2
  });
  it('sees an alias and a swapped order', () => {
    expect(new TypedName('moreau', null).signals(person)).toEqual({ family: 1, familyPrimary: 0, given: null, swapped: null });
    const swapped = new TypedName('mary', 'garcia').signals(person);
    expect(swapped.swapped).toBe(Math.fround(0.7777778)); // PostgreSQL: (similarity('mary ann', 'mary') + 1) / 2
  });
  it('has no family or swap signal when the person has no family-name keys, as the SQL max() over none was NULL', () => {
    expect(new TypedName('lee', 'ann').signals({ givenNorm: 'ann', familyNorm: '', nameKeys: [] })).toEqual({ family: null, familyPrimary: 0, given: 1, swapped: null });
  });
  it('lists the trigrams of all typed words for the birth-date shortlist', () => {
    expect(new TypedName('lee', 'ann').allWords()).toEqual(Array.from(trigramSet('ann lee')));
  });
});
