import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requestContext, systemContext } from '../common/request-context';
import { KeysService } from './keys.service';

const HOUR_MS = 60 * 60 * 1000;

/** Destroys private keys past their retention period: at boot, then hourly. */
@Injectable()
export class KeyRetentionTask implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('KeyRetention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly keys: KeysService) {}

  onApplicationBootstrap(): void {
    this.runOnce();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.runOnce(), HOUR_MS);
    this.timer.unref();
  }

  /** Waits for a run in progress, so the database is not closed under it. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private runOnce(): void {
    if (this.running) return;
    this.running = requestContext.run(systemContext(`key-retention-${randomUUID()}`), () => this.keys.destroyDuePrivateKeys(new Date()))
      .then(() => undefined)
      .catch((err: Error) => this.logger.error({ err: { type: err.name, message: err.message } }, 'destroying expired private keys failed'))
      .finally(() => {
        this.running = undefined;
      });
  }
}
