import { rotationWarnings, type KeyFacts } from './key-policy';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2027-06-15T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);
const key = (kid: string, state: KeyFacts['state'], o: Partial<KeyFacts> = {}): KeyFacts => ({
  kid, state, createdAt: at(-400), readyAt: at(-393), rotationDueAt: null, ...o,
});

describe('rotation warnings', () => {
  it('with no key at all, says to create one', () => {
    expect(rotationWarnings([], 7, now)).toEqual(['No key is active: cards cannot be issued. Create a key, let it be published, then activate it.']);
  });

  it('with only retired or revoked keys and one waiting, says to activate it', () => {
    const w = rotationWarnings([key('old', 'retired'), key('bad', 'revoked'), key('next', 'created')], 7, now);
    expect(w).toEqual(['No key is active: cards cannot be issued. Activate one of the published keys.']);
  });

  it('is silent while the active key is far from its rotation date', () => {
    expect(rotationWarnings([key('a', 'active', { rotationDueAt: at(60) })], 7, now)).toEqual([]);
  });

  it('warns within the lead time before the rotation date, and once it has passed', () => {
    expect(rotationWarnings([key('a', 'active', { rotationDueAt: at(5) })], 7, now))
      .toEqual(['The active key a is due for rotation on 2027-06-20: create its successor now so it is published 7 days before it signs.']);
    expect(rotationWarnings([key('a', 'active', { rotationDueAt: at(8) })], 7, now)).toEqual([]);
    expect(rotationWarnings([key('a', 'active', { rotationDueAt: at(-1) })], 7, now))
      .toEqual(['The active key a is overdue for rotation since 2027-06-14: create a new key now and activate it once published.']);
  });

  it('does not ask for a successor that is already published', () => {
    expect(rotationWarnings([key('a', 'active', { rotationDueAt: at(-1) }), key('b', 'created')], 7, now)).toEqual([]);
  });

  it('warns about a published key younger than the lead time, not about an older one', () => {
    const young = key('b', 'created', { createdAt: at(-2), readyAt: at(5) });
    expect(rotationWarnings([key('a', 'active', { rotationDueAt: at(100) }), young, key('c', 'created')], 7, now))
      .toEqual(['Key b has been published since 2027-06-13, less than the 7-day lead time: verifiers that cached the key set earlier may reject its cards until 2027-06-20.']);
  });
});
