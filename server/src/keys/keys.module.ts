import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { IssuerKeysController, KeyRevocationsController } from './issuer-keys.controller';
import { IssuerKeysRepository } from './issuer-keys.repository';
import { KeyRetentionTask } from './key-retention.task';
import { KEY_STORE } from './key-store';
import { KeysService } from './keys.service';
import { publicKeySetController } from './public-key-set.controller';
import { SoftwareKeyStore } from './software-key-store';

/**
 * Issuer keys. Other modules import `KeysModule` for `KeysService` (the active signer, key states, the key set).
 * `KEY_STORE` is the software store here; an HSM or cloud KMS store replaces that one provider.
 */
@Module({
  controllers: [IssuerKeysController, KeyRevocationsController],
  providers: [IssuerKeysRepository, SoftwareKeyStore, { provide: KEY_STORE, useExisting: SoftwareKeyStore }, KeysService, KeyRetentionTask],
  exports: [KeysService, KEY_STORE],
})
export class KeysModule {
  /**
   * For AppModule: this module plus the public key set at `{issuerPath}/.well-known/jwks.json`, whose path comes from
   * the configuration. A separate host module keeps `KeysModule` itself static, so importing it elsewhere shares
   * one instance (one key cache, one retention timer).
   */
  static forRoot(config: AppConfig): DynamicModule {
    return { module: PublicKeySetModule, imports: [KeysModule], controllers: [publicKeySetController(config.issuerPath)] };
  }
}

@Module({})
export class PublicKeySetModule {}
