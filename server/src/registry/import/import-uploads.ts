import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { RegistryImportResponse } from '@tessera/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { problem } from '../../common/problem.filter';
import { requestContext } from '../../common/request-context';
import { RegistryImportService } from './registry-import.service';

/**
 * Receives an upload into a private file under the data folder (mode 0600; it holds PHI), answers 202 with the run,
 * and processes it in the background; the file is deleted when the run ends.
 */
@Injectable()
export class ImportUploads {
  private readonly logger = new Logger('ImportUploads');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly imports: RegistryImportService) {}

  async receive(req: Request): Promise<RegistryImportResponse> {
    if (!req.is('application/octet-stream')) {
      throw problem(415, 'Unsupported Media Type', 'Send the file as the request body with Content-Type: application/octet-stream.');
    }
    const filename = (req.get('x-filename') ?? 'upload').replace(/[^\w.\- ]+/g, '_').slice(0, 200) || 'upload';
    const declared = req.get('content-length');
    const bytesTotal = declared && /^\d+$/.test(declared) ? Number(declared) : null;
    const max = this.config.importMaxBytes;
    if (bytesTotal !== null && bytesTotal > max) {
      req.res?.setHeader('Connection', 'close'); // do not read gigabytes only to discard them
      throw problem(413, 'File too large', `Imports are limited to ${max} bytes.`);
    }
    const id = await this.imports.start(filename, bytesTotal);
    const dir = join(this.config.dataDir, 'imports');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${id}.upload`);
    let seen = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _e, done) {
        seen += chunk.length;
        done(seen > max ? new Error(`Imports are limited to ${max} bytes.`) : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(file, { mode: 0o600 }));
    } catch (err) {
      await rm(file, { force: true });
      const reason = err instanceof Error ? err.message : 'upload failed';
      await this.imports.fail(id, reason);
      if (seen > max) req.res?.setHeader('Connection', 'close');
      throw problem(seen > max ? 413 : 400, 'Upload failed', reason);
    }
    const ctx = requestContext.get();
    // Keep the uploader as the actor of the background work (audit entries name them).
    const run = () => this.imports.process(id, { filename, bytesTotal: seen, stream: createReadStream(file) });
    void (ctx ? requestContext.run({ ...ctx }, run) : run())
      .catch((err: Error) => this.logger.error({ importId: id, err: { message: err.message } }, 'background import failed'))
      .finally(() => void rm(file, { force: true }));
    return this.imports.get(id);
  }
}
