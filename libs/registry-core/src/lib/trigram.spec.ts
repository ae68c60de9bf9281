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
  });
});

describe('TypedName signals', () => {
  const person = { givenNorm: 'mary ann', familyNorm: 'garcia lopez', nameKeys: ['garcia lopez', 'garcialopez', 'garcia', 'lopez', 'moreau'] };
  it('takes the best family key, the given part and the swap', () => {
    const s = new TypedName('lopez', 'mary').signals(person);
    expect(s.family).toBe(1);
    expect(s.familyPrimary).toBe(trigramSimilarity('garcia lopez', 'lopez'));
    expect(s.given).toBe(1);
    expect(s.swapped).toBeLessThan(0.3);
  });
  it('sees an alias and a swapped order', () => {
    expect(new TypedName('moreau', null).signals(person)).toEqual({ family: 1, familyPrimary: 0, given: null, swapped: null });
    const swapped = new TypedName('mary', 'garcia').signals(person);
    expect(swapped.swapped).toBe(Math.fround(0.7777778)); // PostgreSQL: (similarity('mary ann', 'mary') + 1) / 2
  });
  it('lists the trigrams of all typed words for the birth-date shortlist', () => {
    expect(new TypedName('lee', 'ann').allWords()).toEqual(Array.from(trigramSet('ann lee')));
  });
});
