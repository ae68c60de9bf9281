import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CardChannel, CardResponse, IssueCardDto, IssuedCardResponse } from '@tessera/contracts';
import { QrTooLargeError, ShcError, deriveRid } from '@tessera/shc-core';
import { AuditService } from '../audit/audit.service';
import { ProblemException, problem } from '../common/problem.filter';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Envelope } from '../crypto/envelope';
import { TransactionRunner } from '../database/transaction';
import { KeysService } from '../keys/keys.service';
import { dosesThatFit, signCard } from './card-pipeline';
import { CardsRepository, type CardRow } from './cards.repository';
import { RegistryRecords } from '../registry/registry-records';
import type { ImmunizationRow, PersonRow } from '../registry/persons.repository';
import { RidSecret } from './rid-secret';

export const CARD_CLOCK = Symbol('CARD_CLOCK');
export type Clock = () => Date;

/** The vaccine group a card holds when the caller does not choose doses (vaccine_code.vaccine_group). */
export const DEFAULT_VACCINE_GROUP = 'covid19';

/** Who asks for the card: a signed-in staff member (the request's actor), or a resident-portal client. */
export type CardIssuer = { kind: 'staff' } | { kind: 'portal'; clientId: string; name: string };

export interface IssueRequest {
  personId: string;
  immunizationIds?: string[];
  channel: CardChannel;
  caseNumber?: string;
  issuer: CardIssuer;
}

export type IssuedCard = IssuedCardResponse & { jws: string };

export const cardJwsAad = (cardId: string) => `card:${cardId}`;

/**
 * Issues SMART Health Cards: picks the doses (completed, one vaccine group), signs with the active key inside one
 * transaction that also records the card (its JWS sealed: it holds PHI) and the `card.issued` audit entry. A card
 * that cannot be issued leaves nothing behind but a `card.issue_refused` entry.
 */
@Injectable()
export class CardsService {
  constructor(
    private readonly repo: CardsRepository,
    private readonly registry: RegistryRecords,
    private readonly keys: KeysService,
    private readonly ridSecret: RidSecret,
    private readonly envelope: Envelope,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CARD_CLOCK) private readonly clock: Clock,
  ) {}

  async issue(req: IssueRequest): Promise<IssuedCard> {
    try {
      return await this.issueOrThrow(req);
    } catch (err) {
      const refused = refusal(err);
      if (refused) await this.recordRefusal(req, refused.why, refused.details);
      throw err instanceof QrTooLargeError
        ? problem(422, 'Card would not fit one QR code', `${err.message}${fittingHint(err)} Nothing was recorded.`)
        : err instanceof ShcError
          ? problem(422, 'Record cannot go on a card', `${err.message}. Correct the record first; nothing was recorded.`)
          : err;
    }
  }

  /** POST /cards: a help-desk agent or records officer issues a card (the response carries the QR text, not the JWS). */
  async issueByStaff(dto: IssueCardDto): Promise<IssuedCardResponse> {
    const { jws: _jws, ...card } = await this.issue({ ...dto, issuer: { kind: 'staff' } });
    return card;
  }

  async listForPerson(personId: string): Promise<CardResponse[]> {
    if (!(await this.registry.person(personId))) throw problem(404, 'Not Found', 'No person has that id.');
    const doses = await this.registry.immunizations(personId);
    const cards = (await this.repo.listForPerson(personId)).map((c) => toCardResponse(c, doses));
    // The list shows doses and dates: a view of the person's record, audited before it leaves.
    await this.audit.record({ action: 'card.listed', target: { type: 'person', id: personId }, details: { cards: cards.length } });
    return cards;
  }

  private async issueOrThrow(req: IssueRequest): Promise<IssuedCard> {
    const staffId = req.issuer.kind === 'staff' ? requestContext.get()?.actor?.staffId : null;
    if (staffId === undefined) throw problem(401, 'Unauthorized', 'Sign in to continue.');
    const person = await this.registry.person(req.personId);
    if (!person) throw problem(404, 'Not Found', 'No person has that id.');
    const doses = chooseDoses(await this.registry.immunizations(person.id), req.immunizationIds);
    const secret = await this.ridSecret.get();
    const cardId = randomUUID();
    const now = this.clock();

    const issued = await this.tx.run((m) => this.keys.withActiveSigner(m, async (active) => {
      const rid = deriveRid(secret, active.kid, person.id);
      const input = {
        person: cardPerson(person), doses: doses.map(cardDose), iss: this.config.issuerUrl, now, rid,
        allowHttpIssuer: this.config.env !== 'production',
      };
      const signed = await signCard(input, active.signer).catch((err: unknown) => {
        // Say how many of the most recent doses would fit, so the agent can choose instead of guessing.
        if (err instanceof QrTooLargeError) Object.assign(err, { fitting: dosesThatFit(input, active.kid) });
        throw err;
      });
      await this.repo.insert(m, {
        id: cardId, personId: person.id, keyId: active.keyId, kid: active.kid, rid, nbf: new Date(signed.nbf * 1000),
        immunizationIds: doses.map((d) => d.id), channel: req.channel, issuedBy: staffId,
        portalClientId: req.issuer.kind === 'portal' ? req.issuer.clientId : null,
        jwsSealed: this.envelope.seal(Buffer.from(signed.jws, 'ascii'), cardJwsAad(cardId)),
        jwsLength: signed.jws.length, qrVersion: signed.qrVersion,
      });
      await this.audit.append(m, {
        ...this.auditActor(req.issuer),
        action: 'card.issued', target: { type: 'person', id: person.id }, reason: caseReason(req.caseNumber),
        details: {
          cardId, personId: person.id, kid: active.kid, rid, channel: req.channel, doses: doses.length,
          caseNumber: req.caseNumber ?? null, ...(req.issuer.kind === 'portal' ? { portalClientId: req.issuer.clientId } : {}),
        },
      });
      return { signed, rid, kid: active.kid };
    }));

    const card = await this.repo.card(cardId);
    if (!card) throw new Error('issued card vanished');
    return { ...toCardResponse(card, doses), qrText: issued.signed.qrText, jws: issued.signed.jws };
  }

  /** A recorded card as the API shows it: its doses named from the person's current immunization rows. */
  async describe(card: CardRow): Promise<CardResponse> {
    return toCardResponse(card, await this.registry.immunizations(card.person_id));
  }

  private auditActor(issuer: CardIssuer) {
    return issuer.kind === 'portal' ? { actor: null, actorUsername: `portal:${issuer.name}` } : {};
  }

  private async recordRefusal(req: IssueRequest, why: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.record({
      ...this.auditActor(req.issuer),
      action: 'card.issue_refused', outcome: 'failed', target: { type: 'person', id: req.personId }, reason: caseReason(req.caseNumber),
      details: { personId: req.personId, channel: req.channel, why, caseNumber: req.caseNumber ?? null, ...details },
    });
  }
}

/** The doses for the card: the chosen ones (all the person's, completed, one vaccine group), else completed COVID-19. */
export function chooseDoses(all: ImmunizationRow[], chosen: string[] | undefined): ImmunizationRow[] {
  if (chosen === undefined) {
    const doses = all.filter((d) => d.status === 'completed' && d.vaccine_group === DEFAULT_VACCINE_GROUP);
    if (doses.length === 0) {
      const other = all.some((d) => d.status === 'completed');
      throw problem(422, 'No completed dose', `This person has no completed COVID-19 dose to put on a card.${
        other ? ' To issue a card for another vaccine, choose its doses.' : ''} Nothing was recorded.`);
    }
    return doses;
  }
  const wanted = new Set(chosen);
  const unknown = [...wanted].filter((id) => !all.some((d) => d.id === id));
  if (unknown.length > 0) {
    throw problem(422, 'Unknown dose', `Immunization ${unknown.join(', ')} is not one of this person's doses. Nothing was recorded.`);
  }
  const doses = all.filter((d) => wanted.has(d.id));
  const notDone = doses.filter((d) => d.status !== 'completed');
  if (notDone.length > 0) {
    throw problem(422, 'Dose not completed', `Immunization ${notDone.map((d) => `${d.id} is "${d.status}"`).join(', ')
    }: only completed doses go on a card. Nothing was recorded.`);
  }
  const groups = [...new Set(doses.map((d) => d.vaccine_group))];
  if (groups.length > 1) {
    throw problem(422, 'Mixed vaccine groups', `The chosen doses belong to ${groups.join(' and ')}: a SMART Health Card holds one ` +
      'vaccine group (granular sharing). Issue one card per group. Nothing was recorded.');
  }
  return doses;
}

function fittingHint(err: QrTooLargeError): string {
  const fitting = (err as QrTooLargeError & { fitting?: number }).fitting;
  if (fitting === undefined) return '';
  return fitting > 0
    ? ` The ${fitting} most recent of these doses fit one QR code: choose those (or fewer).`
    : ' Not even one dose fits: the record holds unusually long values.';
}

function refusal(err: unknown): { why: string; details: Record<string, unknown> } | null {
  if (err instanceof QrTooLargeError) return { why: 'too_large', details: { jwsLength: err.jwsLength, requiredQrVersion: err.requiredVersion } };
  if (err instanceof ShcError) return { why: 'invalid_record', details: { shcError: err.code } };
  if (err instanceof ProblemException) {
    const { status, type } = err.problem;
    if (status === 409) return { why: 'no_active_key', details: {} };
    if (status === 404) return { why: 'unknown_person', details: {} };
    // the problem type names the rule: no-completed-dose, unknown-dose, dose-not-completed, mixed-vaccine-groups
    if (status === 422) return { why: type.slice(type.lastIndexOf('/') + 1), details: {} };
  }
  return null;
}

const caseReason = (caseNumber: string | undefined) => (caseNumber ? `case ${caseNumber}` : null);

function cardPerson(p: PersonRow) {
  return { given: p.given_names.split(/\s+/).filter(Boolean), family: p.family_name, birthDate: p.birth_date };
}

function cardDose(d: ImmunizationRow) {
  return { cvx: d.cvx, occurrenceDate: d.occurrence_date, performer: d.performer, lotNumber: d.lot_number, status: d.status };
}

/** `doses`: the person's immunizations (a superset of the card's); the card's own order is kept. */
function toCardResponse(c: CardRow, doses: readonly ImmunizationRow[]): CardResponse {
  const byId = new Map(doses.map((d) => [d.id, d]));
  return {
    id: c.id, personId: c.person_id, kid: c.kid, rid: c.rid, issuedAt: c.nbf.toISOString(), channel: c.channel,
    issuedBy: c.issued_by, qrVersion: c.qr_version, jwsLength: c.jws_length,
    doses: c.immunization_ids.flatMap((id) => {
      const d = byId.get(id);
      return d ? [{ immunizationId: d.id, cvx: d.cvx, vaccine: d.display, occurrenceDate: d.occurrence_date }] : [];
    }),
  };
}
