import { copyField, copyRow, pgTextArray } from './copy-text';

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyRow(['x', 1, true, null])).toBe('x\t1\ttrue\t\\N\n');
  });
  it('quotes array elements, escaping quotes and backslashes', () => {
    expect(pgTextArray(['+16175550123', 'o"brien', 'a\\b'])).toBe('{"+16175550123","o\\"brien","a\\\\b"}');
    expect(pgTextArray([])).toBe('{}');
  });
});
