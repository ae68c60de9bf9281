import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Transform, type Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { RegistryImportResponse } from '@tessera/contracts';
import type { ImportItem } from '@tessera/registry-core';
import { parseImportFile, type ImportFormat } from '@tessera/registry-import';
import { AuditService } from '../../audit/audit.service';
import { problem } from '../../common/problem.filter';
import { requestContext } from '../../common/request-context';
import { RegistryWriter } from './registry-writer';

/** Units per transaction: each batch commits with its audit entry, so a crash loses at most one batch (re-run is idempotent). */
const BATCH = 200;
/** A running import that has not committed a batch for this long is taken as dead. */
const STALLED_AFTER_SECONDS = 300;

export interface ImportSource {
  filename: string;
  bytesTotal: number | null;
  stream: Readable;
}

/** Runs imports from the state registry: parse (streaming), upsert in batches, report, audit. */
@Injectable()
export class RegistryImportService {
  private readonly logger = new Logger('RegistryImport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: RegistryWriter,
    private readonly audit: AuditService,
    @Inject('IMPORT_CLOCK') private readonly now: () => Date,
  ) {}

  /** Creates the run record (audited) and returns its id; `process` then does the work. */
  async start(filename: string, bytesTotal: number | null): Promise<string> {
    const actor = requestContext.get()?.actor ?? null;
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO registry_import (filename, bytes_total, started_by) VALUES ($1, $2, $3) RETURNING id`,
        [filename.slice(0, 255), bytesTotal, actor?.staffId ?? null]);
      const id = rows[0]!.id;
      await this.audit.append(m, { action: 'registry.import_started', target: { type: 'registry_import', id }, details: { filename, bytesTotal } });
      return id;
    });
  }

  /** Marks a run failed before it started (e.g. the upload broke off). */
  async fail(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE registry_import SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, reason.slice(0, 500)]);
    await this.audit.record({ action: 'registry.import_failed', outcome: 'failed', target: { type: 'registry_import', id }, details: { error: reason.slice(0, 200) } });
  }

  async process(id: string, source: ImportSource): Promise<RegistryImportResponse> {
    const actor = requestContext.get()?.actor ?? null;
    let bytesRead = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytesRead += chunk.length;
        done(null, chunk);
      },
    });
    let format: ImportFormat | null = null;
    // pipeline, not pipe: a read error of the source must reach the parser (fail the run), not go unhandled and hang it.
    const input = pipeline(source.stream, counter, () => undefined);
    const items = parseImportFile(input, { now: this.now(), filename: source.filename, onFormat: (f) => (format = f) });
    let rejectionSeq = 0;
    try {
      let batch: ImportItem[] = [];
      const flush = async () => {
        const units = batch;
        batch = [];
        await this.dataSource.transaction(async (m) => {
          const counts = await this.writer.writeBatch(m, units, format ?? 'import', actor);
          for (const r of counts.rejections) {
            await m.query('INSERT INTO registry_import_rejection (import_id, seq, position, reason) VALUES ($1, $2, $3, $4)',
              [id, ++rejectionSeq, r.position.slice(0, 200), r.reason.slice(0, 1000)]);
          }
          await m.query(
            `UPDATE registry_import SET format = $2, bytes_read = $3, heartbeat_at = now(), inserted = inserted + $4, updated = updated + $5,
               unchanged = unchanged + $6, rejected = rejected + $7, conflicts = conflicts + $8 WHERE id = $1`,
            [id, format, bytesRead, counts.inserted, counts.updated, counts.unchanged, counts.rejections.length, counts.conflicts]);
          if (counts.inserted + counts.updated + counts.conflicts > 0) {
            await this.audit.append(m, {
              action: 'registry.imported', target: { type: 'registry_import', id },
              details: { units: units.length, inserted: counts.inserted, updated: counts.updated, conflicts: counts.conflicts, rejected: counts.rejections.length },
            });
          }
        });
      };
      for await (const item of items) {
        batch.push(item);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      await this.dataSource.query(`UPDATE registry_import SET status = 'completed', finished_at = now(), bytes_read = $2 WHERE id = $1`, [id, bytesRead]);
    } catch (err) {
      const message = err instanceof Error ? err.message : 'unexpected error';
      this.logger.error({ importId: id, err: { message } }, 'import failed');
      await this.dataSource.query(`UPDATE registry_import SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, message.slice(0, 500)]);
      await this.audit.record({ action: 'registry.import_failed', outcome: 'failed', target: { type: 'registry_import', id }, details: { error: message.slice(0, 200) } });
      return this.get(id);
    }
    const report = await this.get(id);
    await this.audit.record({
      action: 'registry.imported', target: { type: 'registry_import', id },
      details: { filename: report.filename, format: report.format, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected, conflicts: report.conflicts, final: true },
    });
    return report;
  }

  /** Command line: a file from disk, start to finish. */
  async importFile(path: string): Promise<RegistryImportResponse> {
    const size = (await stat(path)).size;
    const id = await this.start(path.split('/').pop() ?? path, size);
    return this.process(id, { filename: path, bytesTotal: size, stream: createReadStream(path) });
  }

  async get(id: string, rejectionLimit = 500): Promise<RegistryImportResponse> {
    await this.markStalled();
    const rows: ImportRow[] = await this.dataSource.query(
      `SELECT id, filename, format, status, started_at, finished_at, bytes_total, bytes_read, inserted, updated, unchanged, rejected, conflicts, error
         FROM registry_import WHERE id = $1`, [id]);
    const r = rows[0];
    if (!r) throw problem(404, 'Not Found', 'No import has that id.');
    const rejections: { position: string; reason: string }[] = await this.dataSource.query(
      'SELECT position, reason FROM registry_import_rejection WHERE import_id = $1 ORDER BY seq LIMIT $2', [id, rejectionLimit]);
    return toResponse(r, rejections);
  }

  async list(limit = 20): Promise<RegistryImportResponse[]> {
    await this.markStalled();
    const rows: ImportRow[] = await this.dataSource.query(
      `SELECT id, filename, format, status, started_at, finished_at, bytes_total, bytes_read, inserted, updated, unchanged, rejected, conflicts, error
         FROM registry_import ORDER BY started_at DESC LIMIT $1`, [limit]);
    return rows.map((r) => toResponse(r, []));
  }

  /**
   * A run whose process died (crash, restart) stops sending heartbeats; it is reported failed with what to do. What it
   * committed stays (whole batches, each with its audit entry) and running the same file again completes it.
   */
  private async markStalled(): Promise<void> {
    await this.dataSource.query(
      `UPDATE registry_import SET status = 'failed', finished_at = now(),
              error = 'interrupted: the run stopped making progress (server stopped?); import the same file again, nothing is duplicated'
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`, [STALLED_AFTER_SECONDS]);
  }
}

interface ImportRow {
  id: string; filename: string; format: string | null; status: 'running' | 'completed' | 'failed'; started_at: Date; finished_at: Date | null;
  bytes_total: string | null; bytes_read: string; inserted: number; updated: number; unchanged: number; rejected: number; conflicts: number; error: string | null;
}

function toResponse(r: ImportRow, rejections: { position: string; reason: string }[]): RegistryImportResponse {
  return {
    id: r.id, filename: r.filename, format: r.format, status: r.status, startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null, bytesTotal: r.bytes_total === null ? null : Number(r.bytes_total),
    bytesRead: Number(r.bytes_read), inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected,
    conflicts: r.conflicts, error: r.error, rejections,
  };
}
