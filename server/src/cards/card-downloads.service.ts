import { Inject, Injectable } from '@nestjs/common';
import type { IssuedCardResponse } from '@tessera/contracts';
import { buildHealthCardFile, encodeShc } from '@tessera/shc-core';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Envelope } from '../crypto/envelope';
import { bundleOfJws, summarizeBundle } from './card-bundle';
import { CardsRepository, type CardFileRow } from './cards.repository';
import { CardsService, cardJwsAad, DEFAULT_VACCINE_GROUP } from './cards.service';
import { RegistryRecords } from '../registry/registry-records';
import { QrRenderPool } from './qr-render.pool';

export type DownloadFormat = 'qr-text' | 'file' | 'png' | 'svg' | 'pdf';

/**
 * Downloads of an issued card: the QR text, the `.smart-health-card` file, the QR as PNG or SVG, the printable PDF.
 * Each opens the sealed JWS, renders off the event loop where it is heavy, and is audited before the data leaves.
 */
@Injectable()
export class CardDownloadsService {
  constructor(
    private readonly repo: CardsRepository,
    private readonly cards: CardsService,
    private readonly registry: RegistryRecords,
    private readonly envelope: Envelope,
    private readonly pool: QrRenderPool,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async qrText(id: string): Promise<IssuedCardResponse> {
    const { card, jws } = await this.open(id);
    await this.audited(card, 'qr-text');
    return { ...(await this.cards.describe(card)), qrText: encodeShc(jws) };
  }

  async file(id: string): Promise<{ body: string; filename: string }> {
    const { card, jws } = await this.open(id);
    const body = buildHealthCardFile([jws]);
    await this.audited(card, 'file');
    return { body, filename: `${fileStem(card.id)}.smart-health-card` };
  }

  async png(id: string): Promise<{ body: Buffer; filename: string }> {
    const { card, jws } = await this.open(id);
    const png = await this.pool.renderPng(jws);
    await this.audited(card, 'png');
    return { body: Buffer.from(png.buffer, png.byteOffset, png.byteLength), filename: `${fileStem(card.id)}.png` };
  }

  async svg(id: string): Promise<{ body: string; filename: string }> {
    const { card, jws } = await this.open(id);
    const svg = await this.pool.renderSvg(jws);
    await this.audited(card, 'svg');
    return { body: svg, filename: `${fileStem(card.id)}.svg` };
  }

  async pdf(id: string): Promise<{ body: Buffer; filename: string }> {
    const { card, jws } = await this.open(id);
    // The printed text comes from the signed card itself, so it always matches the QR (even after a correction).
    const summary = summarizeBundle(bundleOfJws(jws));
    const names = await this.registry.vaccineNames(summary.doses.map((d) => d.cvx));
    const groups = new Set(summary.doses.map((d) => names.get(d.cvx)?.group));
    const issuer = new URL(this.config.issuerUrl);
    const pdf = await this.pool.renderPdf({
      jws,
      title: groups.size === 1 && groups.has(DEFAULT_VACCINE_GROUP) ? 'COVID-19 Vaccination Record' : 'Vaccination Record',
      name: summary.patient?.name ?? '',
      birthDate: summary.patient?.birthDate ?? '',
      doses: summary.doses.map((d) => ({
        vaccine: names.get(d.cvx)?.display ?? `CVX ${d.cvx}`, date: d.occurrenceDate ?? '', performer: d.performer, lotNumber: d.lotNumber,
      })),
      issuerName: issuer.host,
      issuerUrl: this.config.issuerUrl,
      issuedOn: card.nbf.toISOString().slice(0, 10),
      cardId: card.id,
    });
    await this.audited(card, 'pdf');
    return { body: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), filename: `${fileStem(card.id)}.pdf` };
  }

  private async open(id: string): Promise<{ card: CardFileRow; jws: string }> {
    const card = await this.repo.cardFile(id);
    if (!card) throw problem(404, 'Not Found', 'No card has that id.');
    return { card, jws: this.envelope.open(card.jws_sealed, cardJwsAad(card.id)).toString('ascii') };
  }

  private async audited(card: CardFileRow, format: DownloadFormat): Promise<void> {
    await this.audit.record({
      action: 'card.downloaded', target: { type: 'card', id: card.id },
      details: { cardId: card.id, personId: card.person_id, kid: card.kid, format },
    });
  }
}

/** File names carry no PHI: the card id's first 8 characters. */
const fileStem = (id: string) => `card-${id.slice(0, 8)}`;
