import { EscapeError, unescapeHl7 } from './escape';
import { DEFAULT_DELIMITERS } from './segments';

const un = (s: string): string => unescapeHl7(s, DEFAULT_DELIMITERS);

describe('unescapeHl7', () => {
  it('resolves delimiter escapes', () => {
    expect(un(String.raw`A\F\B\S\C\T\D\R\E\E\F`)).toBe('A|B^C&D~E\\F');
  });

  it('resolves hex data (UTF-8, else Latin-1) and formatting commands', () => {
    expect(un('Caf\\XC3A9\\ \\XE9\\')).toBe('Café é');
    expect(un(String.raw`line 1\.br\line 2\.sp2\end`)).toBe('line 1\nline 2\n\nend');
    expect(un('\\H\\bold\\N\\ \\.in+4\\\\.ce\\x\\Zlocal\\')).toBe('bold x');
  });

  it('leaves text without escapes alone', () => {
    expect(un("O'Brien & Sons")).toBe("O'Brien & Sons");
  });

  it('rejects unterminated, empty and unknown escapes', () => {
    expect(() => un(String.raw`Main St\F`)).toThrow(new EscapeError(String.raw`unterminated escape sequence '\F'`));
    expect(() => un('a\\\\b')).toThrow("unknown escape sequence '\\\\'");
    expect(() => un('\\Q\\')).toThrow("unknown escape sequence '\\Q\\'");
    expect(() => un('\\XZZ\\')).toThrow(EscapeError);
  });
});
