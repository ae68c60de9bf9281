import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { AuditVerifyResponse, SignedHeadCheck, SignedHeadResponse } from '@tessera/contracts';
import {
  checkSignedHead, generateAuditKeyPem, publicKeyOf, signHead, verifyChain, type SignedHead,
} from '@tessera/audit-chain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditRepository, toChained } from './audit.repository';

/**
 * Signs the chain head with the dedicated audit key (Ed25519) and appends it to a file outside the table,
 * hourly and on demand; verification checks the chain and every signed head, so a rewrite or truncation of
 * the whole table is detected too.
 */
@Injectable()
export class AuditHeadService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuditHead');
  private timer: NodeJS.Timeout | undefined;
  private keyPem: string | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly repo: AuditRepository) {}

  onModuleInit(): void {
    if (this.config.env === 'test') return;
    this.timer = setInterval(() => {
      this.signNow().catch((err: Error) => this.logger.error({ err: { message: err.message } }, 'signing the audit head failed'));
    }, this.config.auditHeadIntervalMinutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Signs the current head unless it is already the latest signed one. Returns the head signed, if any. */
  async signNow(): Promise<SignedHeadResponse | null> {
    const head = await this.repo.head();
    if (!head) return null;
    const last = this.readHeads().at(-1);
    if (last && last.seq === head.seq && last.hash === head.hash) return { seq: last.seq, hash: last.hash, signedAt: last.signedAt };
    const signed = signHead(this.privateKey(), { seq: head.seq, hash: head.hash, signedAt: new Date().toISOString() });
    mkdirSync(dirname(this.config.auditHeadFile), { recursive: true });
    appendFileSync(this.config.auditHeadFile, JSON.stringify(signed) + '\n', { mode: 0o600 });
    return { seq: signed.seq, hash: signed.hash, signedAt: signed.signedAt };
  }

  async verify(): Promise<AuditVerifyResponse> {
    const chain = await verifyChain(mapIter(this.repo.stream({}, 5000), toChained));
    const heads = this.readHeads();
    const pub: KeyObject | null = heads.length > 0 ? publicKeyOf(this.privateKey()) : null;
    const hashes = await this.repo.hashesAt([...new Set(heads.map((h) => h.seq))]);
    const failures: SignedHeadCheck[] = [];
    let latest: SignedHeadCheck | null = null;
    for (const h of heads) {
      const status = await checkSignedHead(pub!, h, (seq) => Promise.resolve(hashes.get(seq) ?? null));
      latest = { seq: h.seq, signedAt: h.signedAt, status };
      if (status !== 'ok') failures.push(latest);
    }
    return {
      intact: chain.firstBroken === null && failures.length === 0,
      checked: chain.checked,
      head: chain.head,
      firstBroken: chain.firstBroken,
      signedHeads: { checked: heads.length, latest, failures: failures.slice(0, 20) },
    };
  }

  private readHeads(): SignedHead[] {
    if (!existsSync(this.config.auditHeadFile)) return [];
    return readFileSync(this.config.auditHeadFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as SignedHead);
  }

  private privateKey(): string {
    if (this.keyPem) return this.keyPem;
    const file = this.config.auditKeyFile;
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, generateAuditKeyPem(), { mode: 0o600, flag: 'wx' });
      this.logger.warn(`Generated the audit signing key in ${file} (mode 0600)`);
    }
    this.keyPem = readFileSync(file, 'utf8');
    return this.keyPem;
  }
}

async function* mapIter<A, B>(src: AsyncIterable<A>, f: (a: A) => B): AsyncGenerator<B> {
  for await (const a of src) yield f(a);
}
