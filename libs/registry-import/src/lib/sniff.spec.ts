import type { ImportItem } from '@tessera/registry-core';
import { parseImportFile, sniffFormat } from './sniff';
import { chunks, collect, NOW } from './spec-helpers';

const PATIENT = JSON.stringify({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe', given: ['Jane'] }], birthDate: '1990-01-02' });
const HL7 = String.raw`MSH|^~\&|A|B|C|D|20250601||VXU^V04^VXU_V04|1|P|2.5.1` + '\r' + 'PID|1||R-1^^^X^SR||Doe^Jane^^^^^L||19900102|F\r';

const kinds = (items: ImportItem[]): string[] =>
  items.map((i) => (i.kind === 'rejected' ? `${i.position}: ${i.reason}` : `${i.kind} ${i.record.registryId} ${i.kind === 'person' ? i.immunizations[0]?.source ?? '' : i.record.source}`));

describe('sniffFormat', () => {
  it('decides from the first significant bytes', () => {
    expect(sniffFormat(Buffer.from('\uFEFF \r\n{"a":1}'))).toBe('fhir-ndjson');
    expect(sniffFormat(Buffer.from('\x0bMSH|'))).toBe('hl7v2');
    expect(sniffFormat(Buffer.from('FHS|^~\\&'))).toBe('hl7v2');
    expect(sniffFormat(Buffer.from('BHS'))).toBe('hl7v2');
    expect(sniffFormat(Buffer.from('  MS'))).toBe('more');
    expect(sniffFormat(Buffer.from([0xef, 0xbb]))).toBe('more');
    expect(sniffFormat(Buffer.from('\n\n'))).toBe('more');
    expect(sniffFormat(Buffer.from('id,name'))).toBe('unknown');
    expect(sniffFormat(Buffer.from('MSX|'))).toBe('unknown');
  });
});

describe('parseImportFile', () => {
  it('delegates FHIR NDJSON (after a BOM and blank lines), even when sniffing needs several 1-byte chunks', async () => {
    const items = await collect(parseImportFile(chunks(`\uFEFF\n\n${PATIENT}\n`, 1), { now: NOW }));
    expect(kinds(items)).toEqual(['person p1 ']);
    expect(items[0]?.position).toBe('line 3');
  });

  it('delegates HL7 v2', async () => {
    const items = await collect(parseImportFile(chunks(HL7, 2), { now: NOW, filename: 'vxu.hl7' }));
    expect(kinds(items)).toEqual(['person R-1 ']);
    expect(items[0]?.position).toBe('message 1 (line 1)');
  });

  it('rejects an unknown format and an empty file with one item', async () => {
    expect(kinds(await collect(parseImportFile(chunks('id,name\n1,Doe\n', 4), { now: NOW, filename: '/uploads/people.csv' })))).toEqual([
      "file: unrecognised format of file 'people.csv' (starts with 'id,n'): expected FHIR NDJSON ('{') or HL7 v2 (MSH, FHS or BHS)",
    ]);
    expect(kinds(await collect(parseImportFile(chunks('\n \r\n', 1), { now: NOW })))).toEqual(['file: file is empty']);
  });

  it('closes the source when the consumer stops early or the format is unknown', async () => {
    let closed = 0;
    async function* source(text: string): AsyncGenerator<Buffer> {
      try {
        for (const line of text.split(/(?<=\n)/)) {
          await Promise.resolve();
          yield Buffer.from(line);
        }
      } finally {
        closed++;
      }
    }
    for await (const item of parseImportFile(source(`${PATIENT}\n${PATIENT}\n`), { now: NOW })) {
      expect(item.kind).toBe('person');
      break;
    }
    await collect(parseImportFile(source('a,b\nc,d\n'), { now: NOW }));
    expect(closed).toBe(2);
  });
});
