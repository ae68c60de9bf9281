import 'reflect-metadata';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { localSigner, type CardDose, type CardPerson } from '@tessera/shc-core';
import { signCard, type CardInput } from '../src/cards/card-pipeline';
import { QrRenderPool } from '../src/cards/qr-render.pool';
import { renderPdf, renderPng } from '../src/cards/qr-worker';

/**
 * npm run bench:cards — no database needed.
 * 1. Cards per second through the cards service's own pipeline (`signCard`: bundle → payload → minify + raw DEFLATE →
 *    ES256 through the Signer interface → shc:/ numeric, plus the QR-version check), beside the raw pipeline (a
 *    payload object literal, JSON.stringify, zlib.deflateRawSync at the same level 9, node:crypto sign ieee-p1363, a
 *    numeric loop), in the same run, one core, alternating rounds. Target: service ≥ 60 % of raw.
 * 2. Event-loop delay (p99, perf_hooks.monitorEventLoopDelay) while 50 QR PNGs render at once through the worker pool
 *    the server uses; beside the same 50 renders on the main thread. Target: p99 < 50 ms with the pool. The same for
 *    50 printable PDFs (not a target: they show what the pool is for).
 */
const CARDS = Number(process.env['BENCH_CARDS'] ?? 20_000);
const ROUNDS = 5;
const RENDERS = 50;
const TARGETS = { ratio: 0.6, delayP99Ms: 50 } as const;
const ISS = 'https://health.example.gov/shc';

const person: CardPerson = { given: ['Ada', 'Marie'], family: 'Lovelace', birthDate: '1980-12-10' };
const doses: CardDose[] = [
  { cvx: '208', occurrenceDate: '2021-03-01', performer: 'Springfield Clinic', lotNumber: 'EN6201', status: 'completed' },
  { cvx: '208', occurrenceDate: '2021-03-22', performer: 'Springfield Clinic', lotNumber: 'EN6202', status: 'completed' },
  { cvx: '300', occurrenceDate: '2022-10-05', performer: 'Springfield Pharmacy', lotNumber: 'GH9715', status: 'completed' },
];

function rawCard(key: KeyObject, kid: string, nbf: number, rid: string): string {
  const payload = {
    iss: ISS, nbf,
    vc: {
      type: ['https://smarthealth.cards#health-card'],
      credentialSubject: {
        fhirVersion: '4.0.1',
        fhirBundle: {
          resourceType: 'Bundle', type: 'collection',
          entry: [
            { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: person.family, given: person.given }], birthDate: person.birthDate } },
            ...doses.map((d, i) => ({
              fullUrl: `resource:${i + 1}`,
              resource: {
                resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: d.cvx }] },
                patient: { reference: 'resource:0' }, occurrenceDateTime: d.occurrenceDate, performer: [{ actor: { display: d.performer } }], lotNumber: d.lotNumber,
              },
            })),
          ],
        },
      },
      rid,
    },
  };
  const header = Buffer.from(JSON.stringify({ zip: 'DEF', alg: 'ES256', kid })).toString('base64url');
  const body = deflateRawSync(JSON.stringify(payload), { level: 9 }).toString('base64url');
  const input = `${header}.${body}`;
  const jws = `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  let digits = 'shc:/';
  for (let i = 0; i < jws.length; i++) {
    const v = jws.charCodeAt(i) - 45;
    digits += v < 10 ? `0${v}` : String(v);
  }
  return digits;
}

async function rate(n: number, one: (i: number) => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await one(i);
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function pipelines(): Promise<{ service: number; raw: number; jwsLength: number }> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = localSigner(privateKey);
  const now = new Date();
  const input: CardInput = { person, doses, iss: ISS, now, rid: 'abcdEFGH_-1' };
  const nbf = Math.floor(now.getTime() / 1000);
  const sample = await signCard(input, signer);
  if (rawCard(privateKey, signer.kid, nbf, 'abcdEFGH_-1').length !== sample.qrText.length) throw new Error('raw and service pipelines disagree on the card');
  await rate(2000, () => signCard(input, signer)); // warm-up
  await rate(2000, () => rawCard(privateKey, signer.kid, nbf, 'abcdEFGH_-1'));
  const service: number[] = [], raw: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    service.push(await rate(CARDS / ROUNDS, () => signCard(input, signer)));
    raw.push(await rate(CARDS / ROUNDS, () => rawCard(privateKey, signer.kid, nbf, 'abcdEFGH_-1')));
  }
  return { service: median(service), raw: median(raw), jwsLength: sample.jws.length };
}

async function delayDuring(work: () => Promise<unknown>): Promise<{ p99: number; max: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  h.disable();
  return { p99: h.percentile(99) / 1e6, max: h.max / 1e6, ms };
}

type Delay = Awaited<ReturnType<typeof delayDuring>>;

/** 50 PNGs (the target), and 50 printable PDFs (heavier: pdf-lib deflates on the calling thread), pool vs main thread. */
async function renders(): Promise<{ png: { pool: Delay; main: Delay }; pdf: { pool: Delay; main: Delay }; mode: string }> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const card = await signCard({ person, doses, iss: ISS, now: new Date(), rid: 'abcdEFGH_-1' }, localSigner(privateKey));
  const pdfTask = {
    jws: card.jws, title: 'COVID-19 Vaccination Record', name: 'Ada Marie Lovelace', birthDate: person.birthDate, issuerName: 'health.example.gov',
    issuerUrl: ISS, issuedOn: '2026-01-01', cardId: '00000000-0000-4000-8000-000000000000',
    doses: doses.map((d) => ({ vaccine: `CVX ${d.cvx}`, date: d.occurrenceDate, performer: d.performer, lotNumber: d.lotNumber })),
  };
  const pool = new QrRenderPool();
  const times = <T>(f: () => Promise<T>) => Promise.all(Array.from({ length: RENDERS }, f));
  try {
    await Promise.all([pool.renderPng(card.jws), pool.renderPdf(pdfTask)]); // start the threads, load the worker
    await Promise.all([renderPng(card.jws), renderPdf(pdfTask)]);
    const png = { pool: await delayDuring(() => times(() => pool.renderPng(card.jws))), main: await delayDuring(() => times(() => renderPng(card.jws))) };
    const pdf = { pool: await delayDuring(() => times(() => pool.renderPdf(pdfTask))), main: await delayDuring(() => times(() => renderPdf(pdfTask))) };
    return { png, pdf, mode: pool.mode };
  } finally {
    await pool.onModuleDestroy();
  }
}

const detail = (d: Delay): [string, string, string, string][] => [[`  (max ${d.max.toFixed(1)} ms; all ${RENDERS} done in ${d.ms.toFixed(0)} ms)`, '', '', '']];

async function main(): Promise<void> {
  console.log(`Cards: ${CARDS.toLocaleString('en-US')} per pipeline in ${ROUNDS} alternating rounds (median round), one core.`);
  const p = await pipelines();
  const r = await renders();
  if (r.mode !== 'worker') console.log('WARNING: qr-worker.js not found next to this script: the pool rendered on the main thread.');
  const ratio = p.service / p.raw;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const rows: [string, string, string, string][] = [
    ['cards/s, cards service pipeline (signCard)', fmt(p.service), '', ''],
    ['cards/s, raw node:crypto + zlib pipeline', fmt(p.raw), '', ''],
    ['service / raw', `${(ratio * 100).toFixed(0)} %`, `>= ${TARGETS.ratio * 100} %`, ratio >= TARGETS.ratio ? 'ok' : 'MISS'],
    [`event-loop delay p99, ${RENDERS} PNGs via worker pool`, `${r.png.pool.p99.toFixed(1)} ms`, `< ${TARGETS.delayP99Ms} ms`, r.png.pool.p99 < TARGETS.delayP99Ms ? 'ok' : 'MISS'],
    ...detail(r.png.pool),
    [`event-loop delay p99, ${RENDERS} PNGs on main thread`, `${r.png.main.p99.toFixed(1)} ms`, '(comparison)', ''],
    ...detail(r.png.main),
    [`event-loop delay p99, ${RENDERS} PDFs via worker pool`, `${r.pdf.pool.p99.toFixed(1)} ms`, '(extra)', ''],
    ...detail(r.pdf.pool),
    [`event-loop delay p99, ${RENDERS} PDFs on main thread`, `${r.pdf.main.p99.toFixed(1)} ms`, '(comparison)', ''],
    ...detail(r.pdf.main),
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log(`\n${'measure'.padEnd(w[0]!)}  ${'value'.padStart(w[1]!)}  ${'target'.padEnd(w[2]!)}  result`);
  for (const row of rows) console.log(`${row[0].padEnd(w[0]!)}  ${row[1].padStart(w[1]!)}  ${row[2].padEnd(w[2]!)}  ${row[3]}`);
  console.log(`\nCard: ${doses.length} doses, JWS ${p.jwsLength} chars. Threads in the pool: one fewer than the CPUs (at least one).`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
