/**
 * HL7 v2 escape sequences (v2.5.1 chapter 2.7): delimiters (\F\ \S\ \T\ \R\ \E\), hexadecimal data (\Xhh…\) and
 * the formatting commands of FT fields. Highlighting, character-set switches and locally defined (\Z…\) escapes are
 * dropped; anything else, or an escape with no closing escape character, is an error.
 */

export interface Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

export class EscapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscapeError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexText(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function sequence(content: string, d: Delimiters): string | null {
  switch (content) {
    case 'F': return d.field;
    case 'S': return d.component;
    case 'T': return d.subcomponent;
    case 'R': return d.repetition;
    case 'E': return d.escape;
    case 'H': case 'N': return '';
    case '.br': return '\n';
    case '.fi': case '.nf': case '.ce': return '';
    default: break;
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(content)) return hexText(content.slice(1));
  const sp = /^\.sp\s*\+?(\d{0,2})$/.exec(content);
  if (sp) return '\n'.repeat(sp[1] ? Number(sp[1]) : 1);
  if (/^\.(?:in|ti|sk)\s*[+-]?\d{1,3}$/.test(content)) return '';
  if (/^Z[^\s]*$/.test(content) || /^C[0-9A-Fa-f]{4}$/.test(content) || /^M[0-9A-Fa-f]{4,6}$/.test(content)) return '';
  return null;
}

/** The text of one (sub)component with its escape sequences resolved; throws EscapeError when one is malformed. */
export function unescapeHl7(value: string, d: Delimiters): string {
  const esc = d.escape;
  if (esc === '' || !value.includes(esc)) return value;
  let out = '';
  let pos = 0;
  for (;;) {
    const start = value.indexOf(esc, pos);
    if (start === -1) return out + value.slice(pos);
    out += value.slice(pos, start);
    const end = value.indexOf(esc, start + 1);
    if (end === -1) throw new EscapeError(`unterminated escape sequence '${value.slice(start, start + 12)}'`);
    const content = value.slice(start + 1, end);
    const decoded = content === '' ? null : sequence(content, d);
    if (decoded === null) throw new EscapeError(`unknown escape sequence '${value.slice(start, end + 1).slice(0, 20)}'`);
    out += decoded;
    pos = end + 1;
  }
}
