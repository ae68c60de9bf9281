/**
 * Large generated inputs (produced lazily, never held whole): parsing must run in constant memory and in
 * reasonable time. global.gc is not available, so heap growth is bounded generously rather than measured exactly.
 */
import { parseFhirNdjson } from './fhir';
import { parseHl7v2 } from './hl7/stream';
import { NOW } from './spec-helpers';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** Cuts a lazily produced text into ~64 KB chunks (with a multi-byte character somewhere in most of them). */
async function* stream(lines: (i: number) => string, totalBytes: number): AsyncGenerator<Buffer> {
  let produced = 0;
  let parts: string[] = [];
  let pending = 0;
  for (let i = 0; produced < totalBytes; i++) {
    const line = lines(i);
    parts.push(line);
    pending += line.length;
    if (pending >= CHUNK) {
      const buf = Buffer.from(parts.join(''), 'utf8');
      produced += buf.length;
      parts = [];
      pending = 0;
      await Promise.resolve();
      yield buf;
    }
  }
  if (parts.length) yield Buffer.from(parts.join(''), 'utf8');
}

function fhirLine(i: number): string {
  if (i % 10_000 === 9_999) return '{"resourceType":"Patient","id":\n'; // a broken line now and then
  if (i % 2 === 0) {
    return JSON.stringify({
      resourceType: 'Patient', id: `p${i}`,
      identifier: [{ type: { coding: [{ code: 'MR' }] }, system: 'https://iis.example.gov/registry', value: `SR-${i}` }],
      name: [{ use: 'official', family: `Núñez${i % 97}`, given: ['María', 'José'] }, { use: 'maiden', family: 'García', given: ['María'] }],
      gender: i % 4 === 0 ? 'female' : 'male', birthDate: `19${String(50 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      telecom: [{ system: 'phone', value: `617555${String(i % 10_000).padStart(4, '0')}` }, { system: 'email', value: `person${i}@example.org` }],
      address: [{ line: [`${i % 500} Elm St`], city: 'Boston', state: 'MA', postalCode: '02118-1234', district: 'Suffolk' }],
    }) + '\n';
  }
  return JSON.stringify({
    resourceType: 'Immunization', id: `imm${i}`, identifier: [{ value: `IMM-${i}` }], status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] }, patient: { reference: `Patient/SR-${i - 1}` },
    occurrenceDateTime: '2021-04-01T09:00:00Z', lotNumber: `EL${i % 9999}`, manufacturer: { identifier: { value: 'PFR' } },
    performer: [{ actor: { display: 'Mass Vaccination Site — Fenway' } }], protocolApplied: [{ doseNumberPositiveInt: 1 + (i % 3) }],
  }) + '\r\n';
}

function hl7Message(i: number): string {
  return [
    String.raw`MSH|^~\&|EHR|FAC|IIS|DPH|20250601||VXU^V04^VXU_V04|${i}|P|2.5.1`,
    String.raw`PID|1||SR${i}^^^IIS^SR||O\T\Brien${i % 97}^Zoë^^^^^L~Smith^Zoë^^^^^M||2015061${i % 10}|F|||1 Main St\F\Apt ${i % 9}^^Providence^RI^02909||^PRN^PH^^^401^555${String(i % 10_000).padStart(4, '0')}`,
    String.raw`ORC|RE||IZ-${i}^NDA`,
    String.raw`RXA|0|1|20250510||08^HepB^CVX|999|||||^^^Providence Pediatrics||||Y8HG3||MSD^Merck^MVX|||CP|A`,
    String.raw`OBX|1|NM|30973-2^Dose number in series^LN|1|2||||||F`,
  ].join('\r') + '\r';
}

interface Run { counts: Record<string, number>; lastPosition: string; peakGrowth: number; seconds: number }

async function measure(items: AsyncIterable<{ kind: string; position: string }>): Promise<Run> {
  const before = process.memoryUsage().heapUsed;
  const started = Date.now();
  const counts: Record<string, number> = {};
  let lastPosition = '';
  let peak = before;
  let n = 0;
  for await (const item of items) {
    counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    lastPosition = item.position;
    if (++n % 2_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { counts, lastPosition, peakGrowth: (peak - before) / MB, seconds: (Date.now() - started) / 1000 };
}

describe('volume', () => {
  it('parses a 50 MB FHIR NDJSON stream in constant memory and under 20 s', async () => {
    const run = await measure(parseFhirNdjson(stream(fhirLine, 50 * MB), { now: NOW }));
    const total = (run.counts['person'] ?? 0) + (run.counts['immunization'] ?? 0) + (run.counts['rejected'] ?? 0);
    expect(total).toBeGreaterThan(90_000);
    expect(run.counts['rejected']).toBe(Math.floor(total / 10_000));
    expect(Math.abs((run.counts['person'] ?? 0) - (run.counts['immunization'] ?? 0))).toBeLessThanOrEqual(Math.floor(total / 10_000) + 1);
    expect(run.lastPosition).toBe(`line ${total}`);
    expect(run.peakGrowth).toBeLessThan(150);
    expect(run.seconds).toBeLessThan(20);
  }, 60_000);

  it('parses a 20 MB HL7 stream of \\r-separated messages in constant memory', async () => {
    const run = await measure(parseHl7v2(stream(hl7Message, 20 * MB), { now: NOW }));
    const persons = run.counts['person'] ?? 0;
    expect(persons).toBeGreaterThan(20_000);
    expect(run.counts['rejected']).toBeUndefined();
    expect(run.lastPosition).toBe(`message ${persons} (line ${(persons - 1) * 5 + 1})`);
    expect(run.peakGrowth).toBeLessThan(150);
    expect(run.seconds).toBeLessThan(20);
  }, 60_000);
});
