import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { problem } from '../common/problem.filter';
import type { CardPdfInput } from './card-pdf';
import type * as Tasks from './qr-worker';

type TaskName = 'renderPng' | 'renderSvg' | 'renderPdf' | 'decodeQrImage';
export type PdfTask = Omit<CardPdfInput, 'qrPng'> & { jws: string };

/** Tasks waiting beyond this answer 503: a burst of downloads must not grow memory without bound. */
const MAX_QUEUE = 500;

/**
 * Runs QR, PNG, PDF and image-decoding work in worker threads (piscina) so 50 concurrent renders do not stall other
 * requests. Where the worker comes from:
 *  - built server: `qr-worker.js`, its own webpack entry, next to `main.js` (webpack leaves `__dirname` alone);
 *  - TypeScript sources (jest): `qr-worker.dev.cjs`, which compiles the worker's `.ts` on the fly with @swc/core, so the
 *    tests exercise real threads too;
 *  - neither found (some other packaging): in-process, with a warning — correct, only not off the event loop.
 * One thread fewer than the CPUs (at least one): the main thread keeps a core for the event loop.
 */
@Injectable()
export class QrRenderPool implements OnModuleDestroy {
  private readonly logger = new Logger('QrRenderPool');
  private pool: Piscina | undefined;
  private inProcess: typeof Tasks | undefined;
  readonly workerFile: string | null;

  constructor() {
    const built = join(__dirname, 'qr-worker.js');
    const fromSource = join(__dirname, 'qr-worker.dev.cjs');
    this.workerFile = existsSync(built) ? built : __filename.endsWith('.ts') && existsSync(fromSource) ? fromSource : null;
  }

  get mode(): 'worker' | 'in-process' {
    return this.workerFile === null ? 'in-process' : 'worker';
  }

  renderPng(jws: string): Promise<Uint8Array> {
    return this.run('renderPng', jws);
  }

  renderSvg(jws: string): Promise<string> {
    return this.run('renderSvg', jws);
  }

  renderPdf(input: PdfTask): Promise<Uint8Array> {
    return this.run('renderPdf', input);
  }

  decodeQrImage(bytes: Uint8Array): Promise<Tasks.ImageDecodeResult> {
    return this.run('decodeQrImage', bytes);
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private async run<T>(name: TaskName, task: unknown): Promise<T> {
    if (this.workerFile === null) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in this fallback, never in a worker setup
      this.inProcess ??= (this.logger.warn('QR worker file not found: rendering on the main thread'), require('./qr-worker') as typeof Tasks);
      const fn = this.inProcess[name] as (t: unknown) => T | Promise<T>;
      return fn(task);
    }
    this.pool ??= new Piscina({
      filename: this.workerFile,
      maxThreads: Math.max(1, availableParallelism() - 1),
      minThreads: 1,
      idleTimeout: 60_000,
      maxQueue: MAX_QUEUE,
      // A worker that runs away with its heap dies alone (the task fails), not the server.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 64 },
    });
    try {
      return (await this.pool.run(task, { name })) as T;
    } catch (err) {
      if (err instanceof Error && /queue is at limit/i.test(err.message)) {
        throw problem(503, 'Busy', 'Too many cards are being rendered right now. Try again in a few seconds.', { retryAfter: 5 });
      }
      throw err;
    }
  }
}
