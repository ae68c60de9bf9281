import type { ImportItem } from '@tessera/registry-core';
import { chunks, collect, NOW, whole } from '../spec-helpers';
import { parseHl7v2 } from './stream';

const MSH = String.raw`MSH|^~\&|MYEHR2.5|RI88140101|KIDSNET_IFL|RIHEALTH|20250601085200-0500||VXU^V04^VXU_V04|NIST-IZ-001.00|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS|RI543763|RIA`;
const PID = String.raw`PID|1||12345^^^MYEHR^MR~SR998877^^^RIIIS^SR||O\T\Brien^Mary^Ann^Jr^^^L~Smith^Mary^^^^^M~OBee^Molly^^^^^A||20150614|F||2106-3^White^CDCREC|123 Main St\F\Apt 4^^Providence^RI^02909-1234^USA^P^^007||^PRN^PH^^^401^5551234~^NET^Internet^Mary.OBrien@Example.COM~^PRN^CP^^^401^7779876~^PRN^PH^^^401^5551234|||||||||2186-5^not Hispanic or Latino^CDCREC||N|0`;
const PD1 = String.raw`PD1|||||||||||02^Reminder/Recall - any method^HL70215|||||A|20250601|20250601`;
const NK1 = String.raw`NK1|1|O\T\Brien^Jane^^^^^L|MTH^Mother^HL70063|123 Main St^^Providence^RI^02909^USA^P|^PRN^PH^^^401^5551234`;
const GIVEN = [
  String.raw`ORC|RE||IZ-783274^NDA|||||||I-23432^Burden^Donna^A^^^^^NIST-AA-1^^^^PRN||57422^RADON^NICHOLAS^^^^^^NIST-AA-1^L^^^MD`,
  String.raw`RXA|0|1|20250510||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical information - source unspecified^NIP001||^^^Providence Pediatrics&2.16.840.1.113883&ISO||||Y8HG3|20260501|MSD^Merck and Co^MVX|||CP|A`,
  String.raw`RXR|C28161^Intramuscular^NCIT|RT^Right Thigh^HL70163`,
  String.raw`OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid^HL70064||||||F|||20250510|||VXC40^Eligibility captured at the immunization level^CDCPHINVS`,
  String.raw`OBX|2|NM|30973-2^Dose number in series^LN|1|2||||||F`,
];
const REFUSED = [String.raw`ORC|RE||IZ-783275^NDA`, String.raw`RXA|0|1|20250510||998^No vaccine administered^CVX|999||||||||||||||NA`];
const DELETED = [
  String.raw`ORC|RE||IZ-783276^NDA`,
  String.raw`RXA|0|1|20250301||91300-0001-1^Comirnaty^NDC^208^COVID-19 Pfizer^CVX|0.3|mL^mL^UCUM||00^New immunization record^NIP001||||||EL0142||PFR^Pfizer^MVX|||CP|D`,
];

const message = (...segments: string[]): string => segments.join('\r') + '\r';
const vxu = (over: { pid?: string; msh?: string } = {}, ...groups: string[][]): string =>
  message(over.msh ?? MSH, over.pid ?? PID, PD1, NK1, ...groups.flat());
const parse = (text: string): Promise<ImportItem[]> => collect(parseHl7v2(whole(text), { now: NOW }));
const summary = (items: ImportItem[]): string[] =>
  items.map((i) => (i.kind === 'rejected' ? `${i.position}: ${i.reason}` : `${i.position}: ${i.kind} ${i.record.registryId}`));
const pid = (id: string, birth = '20150614'): string => PID.replace('SR998877', id).replace('20150614', birth);

describe('parseHl7v2', () => {
  it('parses a CDC-style VXU: escapes, names, phones, emails, dose number, NA skipped, D action code', async () => {
    const items = await parse(vxu({}, GIVEN, REFUSED, DELETED));
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      kind: 'person',
      position: 'message 1 (line 1)',
      record: {
        registryId: 'SR998877', given: 'Mary Ann', family: 'O&Brien', suffix: 'Jr',
        aliases: [{ kind: 'maiden', given: 'Mary', family: 'Smith' }, { kind: 'alias', given: 'Molly', family: 'OBee' }],
        birthDate: '2015-06-14', sex: 'F', phones: ['+14015551234', '+14017779876'], emails: ['mary.obrien@example.com'],
        address: { line: '123 Main St|Apt 4', city: 'Providence', state: 'RI', zip: '02909', county: '007' },
        deceased: false,
      },
      immunizations: [
        {
          registryId: 'IZ-783274', personRegistryId: 'SR998877', cvx: '08', mvx: 'MSD', lotNumber: 'Y8HG3', occurrenceDate: '2025-05-10',
          doseNumber: 2, performer: 'Providence Pediatrics', status: 'completed', source: 'hl7v2',
        },
        {
          registryId: 'IZ-783276', personRegistryId: 'SR998877', cvx: '208', mvx: 'PFR', lotNumber: 'EL0142', occurrenceDate: '2025-03-01',
          doseNumber: null, performer: null, status: 'entered-in-error', source: 'hl7v2',
        },
      ],
    });
  });

  it('reads the delimiters from MSH-1/MSH-2 and resolves hex, .br and delimiter escapes', async () => {
    const text = message(
      'MSH#$~!@#SENDER#FAC#RCV#RFAC#20250601##VXU$V04$VXU_V04#1#P#2.5.1',
      'PID#1##A1$$$X$MR~B2$$$X$XX##Nguy!XE1BB85!n!F!$Th!R!i$$$$$L##20000101#M###1 Rue !T! Bar!.br!Lot 2$$Montr!XC3A9!al$QC$H2X 1Y4',
      'ORC#RE##I-1',
      'RXA#0#1#20240102##03$MMR$CVX',
    );
    const [item] = await parse(text);
    expect(item?.kind).toBe('person');
    if (item?.kind !== 'person') return;
    expect(item.record).toMatchObject({
      registryId: 'A1', family: 'Nguyễn#', given: 'Th~i', sex: 'M', birthDate: '2000-01-01',
      address: { line: '1 Rue @ Bar\nLot 2', city: 'Montréal', state: 'QC', zip: null, county: null },
    });
    expect(item.immunizations.map((i) => [i.registryId, i.cvx, i.occurrenceDate])).toEqual([['I-1', '03', '2024-01-02']]);
  });

  it('parses a batch (FHS/BHS … BTS/FTS) with \\n and \\r\\n separators, in 5-byte chunks', async () => {
    const text = [
      String.raw`FHS|^~\&|SENDER|FAC|||20250601`, String.raw`BHS|^~\&|SENDER|FAC|||20250601`,
      MSH, pid('P-1'), ...GIVEN,
      MSH, pid('P-2', '19700101'), ...DELETED,
      'BTS|2', 'FTS|1', '',
    ].join('\r\n');
    const items = await collect(parseHl7v2(chunks(text, 5), { now: NOW }));
    expect(summary(items)).toEqual(['message 1 (line 3): person P-1', 'message 2 (line 10): person P-2']);
    const lf = await parse(text.replace(/\r\n/g, '\n'));
    expect(summary(lf)).toEqual(summary(items));
  });

  it('reports batch and file trailer counts that do not match, after yielding the good messages', async () => {
    const text = message(String.raw`FHS|^~\&`, String.raw`BHS|^~\&`, MSH, pid('P-1'), MSH, pid('P-2'), 'BTS|3', 'FTS|2');
    expect(summary(await parse(text))).toEqual([
      'message 1 (line 3): person P-1', 'message 2 (line 5): person P-2',
      'batch trailer (line 7): batch trailer count 3 does not match 2 messages',
      'file trailer (line 8): file trailer count 2 does not match 1 batch',
    ]);
  });

  it('rejects a message with an unknown CVX whole, and goes on with the next', async () => {
    const bad = [String.raw`ORC|RE||IZ-9`, String.raw`RXA|0|1|20250510||999^Unknown^CVX|999`];
    const items = await parse(vxu({ pid: pid('P-1') }, GIVEN, bad) + vxu({ pid: pid('P-2') }, GIVEN));
    expect(summary(items)).toEqual(['message 1 (line 1): unknown CVX code 999', 'message 2 (line 12): person P-2']);
  });

  it('rejects out-of-order and missing segments, naming segment and position', async () => {
    const orc = String.raw`ORC|RE||IZ-1`;
    const rxa = GIVEN[1]!;
    const items = await parse([
      message(MSH, rxa, pid('A')),
      message(MSH, PD1, orc, rxa),
      message(MSH, pid('B'), PD1, pid('B')),
      message(MSH, pid('C'), rxa),
      message(MSH, pid('D'), orc, orc, rxa),
      message(MSH, pid('E'), 'ORC|RE', rxa),
      message(MSH, pid('F'), orc, rxa, orc, rxa),
      message(MSH, pid('G'), orc),
    ].join(''));
    expect(summary(items)).toEqual([
      'message 1 (line 1): RXA at segment 2 (line 2) before PID',
      'message 2 (line 4): ORC at segment 3 (line 6) before PID',
      'message 3 (line 8): second PID at segment 4 (line 11) (first at segment 2 (line 9))',
      'message 4 (line 12): RXA at segment 3 (line 14) without a preceding ORC',
      'message 5 (line 15): ORC at segment 3 (line 17) has no RXA',
      'message 6 (line 20): RXA without ORC-3 id (ORC at segment 3 (line 22))',
      'message 7 (line 24): duplicate immunization id IZ-1 (ORC at segment 5 (line 28); first at segment 3 (line 26))',
      'message 8 (line 30): ORC at segment 3 (line 32) has no RXA',
    ]);
  });

  it('rejects a message without PID, of the wrong type, or not starting with MSH', async () => {
    const adt = MSH.replace('VXU^V04^VXU_V04', 'ADT^A01^ADT_A01');
    const items = await parse(message(PID, PD1) + message(MSH, PD1) + message(adt, PID) + message(MSH.replace('VXU^V04^VXU_V04', ''), PID));
    expect(summary(items)).toEqual([
      'message 1 (line 1): message does not start with MSH (found PID at line 1)',
      'message 2 (line 3): message has no PID segment',
      'message 3 (line 5): not a VXU^V04 message: ADT^A01',
      'message 4 (line 7): not a VXU^V04 message: (MSH-9 empty)',
    ]);
    // After a batch header, too, a message must open with MSH.
    expect(summary(await parse(message(String.raw`BHS|^~\&`, PID, MSH, PID)))).toEqual([
      'message 1 (line 2): message does not start with MSH (found PID at line 2)',
      'message 2 (line 3): person SR998877',
    ]);
  });

  it('rejects malformed escapes, naming segment and field', async () => {
    const items = await parse(
      vxu({ pid: PID.replace(String.raw`123 Main St\F\Apt 4`, String.raw`123 Main St\F`) }) +
      vxu({ pid: PID.replace(String.raw`O\T\Brien`, String.raw`O\Q\Brien`) }) +
      vxu({ pid: PID.replace(String.raw`O\T\Brien`, String.raw`O\X4\Brien`) }),
    );
    expect(summary(items)).toEqual([
      String.raw`message 1 (line 1): bad escape in PID-11 at segment 2 (line 2): unterminated escape sequence '\F'`,
      String.raw`message 2 (line 5): bad escape in PID-5 at segment 2 (line 6): unknown escape sequence '\Q\'`,
      String.raw`message 3 (line 9): bad escape in PID-5 at segment 2 (line 10): unknown escape sequence '\X4\'`,
    ]);
  });

  it('rejects future, missing and invalid dates', async () => {
    const future = [String.raw`ORC|RE||IZ-2`, String.raw`RXA|0|1|20250616||08^HepB^CVX`];
    const items = await parse(
      vxu({ pid: pid('P-1', '20250616') }) +
      vxu({ pid: pid('P-2', '') }) +
      vxu({ pid: pid('P-3') }, future) +
      vxu({ pid: pid('P-4', '201506') }) +
      vxu({ pid: pid('P-5', '20150230') }) +
      vxu({ pid: pid('P-6', '201506141230-0500') }, [String.raw`ORC|RE||IZ-3`, String.raw`RXA|0|1|202506151130||08^HepB^CVX`]),
    );
    expect(summary(items)).toEqual([
      'message 1 (line 1): PID-7 birth date 2025-06-16 is in the future',
      'message 2 (line 5): PID-7 birth date is missing (segment 2 (line 6))',
      'message 3 (line 9): RXA-3 administration date 2025-06-16 is in the future',
      "message 4 (line 15): PID-7 birth date '201506' is not a valid date",
      "message 5 (line 19): PID-7 birth date '20150230' is not a valid date",
      'message 6 (line 23): person P-6',
    ]);
  });

  it('rejects a patient id already seen in an earlier message of the file', async () => {
    const items = await parse(vxu({ pid: pid('P-1') }) + vxu({ pid: pid('P-2') }) + vxu({ pid: pid('P-1') }));
    expect(summary(items)).toEqual([
      'message 1 (line 1): person P-1', 'message 2 (line 5): person P-2', 'message 3 (line 9): duplicate patient id P-1 (first in message 1)',
    ]);
  });

  it('picks the MR id without an SR one, reads XTN.1 phones, sex U and PID-30 death', async () => {
    const p = String.raw`PID|1||X-1^^^A^PI~M-2^^^A^MR||Doe^John^^^^^A~Roe^Jon^^^^^L||19800101|X|||||(617) 555-0000^PRN^PH~^PRN^FX^^^617^5551111|||||||||||||||||Y`;
    const [item] = await parse(message(MSH, p));
    expect(item?.kind === 'person' && item.record).toMatchObject({
      registryId: 'M-2', given: 'Jon', family: 'Roe', aliases: [{ kind: 'alias', given: 'John', family: 'Doe' }],
      sex: 'U', phones: ['+16175550000'], deceased: true,
    });
  });

  it('rejects a message over the size cap and stays in step', async () => {
    const big = `NTE|1||${'x'.repeat(3000)}`;
    const items = await collect(parseHl7v2(whole(message(MSH, pid('P-1'), big) + message(MSH, pid('P-2'), ...Array<string>(20).fill(PD1)) + message(MSH, pid('P-3'))), { now: NOW, maxMessageBytes: 2000 }));
    expect(summary(items)).toEqual([
      'message 1 (line 1): message too large (over 2000 bytes)',
      'message 2 (line 4): message too large (over 2000 bytes)',
      'message 3 (line 26): person P-3',
    ]);
  });
});
