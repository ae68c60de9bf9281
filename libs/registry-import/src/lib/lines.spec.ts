import { readLines } from './lines';
import { chunks, collect } from './spec-helpers';

describe('readLines', () => {
  it('splits on \\n and \\r\\n, numbers lines from 1 and keeps empty lines', async () => {
    const out = await collect(readLines(chunks('alpha\r\nbeta\n\ngamma', 3)));
    expect(out).toEqual([
      { line: 'alpha', lineNo: 1 }, { line: 'beta', lineNo: 2 }, { line: '', lineNo: 3 }, { line: 'gamma', lineNo: 4 },
    ]);
  });

  it('does not invent a line after a final newline', async () => {
    expect(await collect(readLines(chunks('a\nb\n', 100)))).toEqual([{ line: 'a', lineNo: 1 }, { line: 'b', lineNo: 2 }]);
  });

  it('decodes multi-byte characters split across 1-byte, 2-byte and 7-byte chunks, and strips a BOM split too', async () => {
    const text = '\uFEFFJosé Núñez 😀\nZoë 北京\r\n';
    for (const size of [1, 2, 7]) {
      expect(await collect(readLines(chunks(text, size)))).toEqual([
        { line: 'José Núñez 😀', lineNo: 1 }, { line: 'Zoë 北京', lineNo: 2 },
      ]);
    }
  });

  it('accepts string chunks', async () => {
    async function* strings(): AsyncGenerator<string> {
      await Promise.resolve();
      yield 'héllo\nwo';
      yield 'rld\n';
    }
    expect(await collect(readLines(strings()))).toEqual([{ line: 'héllo', lineNo: 1 }, { line: 'world', lineNo: 2 }]);
  });

  it('skips and reports a line longer than the limit, then goes on', async () => {
    const text = `short\n${'x'.repeat(50)}\nok\r\n${'y'.repeat(10)}\r\n${'z'.repeat(11)}`;
    const out = await collect(readLines(chunks(text, 7), 10));
    expect(out).toEqual([
      { line: 'short', lineNo: 1 }, { tooLong: true, lineNo: 2 }, { line: 'ok', lineNo: 3 },
      { line: 'y'.repeat(10), lineNo: 4 }, { tooLong: true, lineNo: 5 },
    ]);
  });

  it('copies partial lines, so a producer reusing its buffer does not corrupt them', async () => {
    async function* reusing(): AsyncGenerator<Buffer> {
      const buf = Buffer.alloc(4);
      for (const part of ['ab\ncd', 'ef\ngh']) {
        await Promise.resolve();
        for (let i = 0; i < part.length; i += 4) {
          const n = buf.write(part.slice(i, i + 4));
          yield buf.subarray(0, n);
        }
      }
    }
    expect((await collect(readLines(reusing()))).map((e) => ('line' in e ? e.line : '!'))).toEqual(['ab', 'cdef', 'gh']);
  });
});
