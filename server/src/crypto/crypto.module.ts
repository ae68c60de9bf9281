import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { Envelope } from './envelope';
import { loadMasterKey } from './master-key';

@Module({})
export class CryptoModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CryptoModule,
      global: true,
      providers: [{
        provide: Envelope,
        useFactory: () => {
          const { key, warning } = loadMasterKey(config);
          if (warning) new Logger('MasterKey').warn(warning);
          return new Envelope(key);
        },
      }],
      exports: [Envelope],
    };
  }
}
