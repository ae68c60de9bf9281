import { join } from 'node:path';
import { loadConfig, register } from 'tsconfig-paths';

// globalSetup runs outside jest's module map: resolve the @tessera/* aliases from tsconfig.base.json.
const loaded = loadConfig(join(__dirname, '../../tsconfig.base.json'));
if (loaded.resultType === 'success') register({ baseUrl: loaded.absoluteBaseUrl, paths: loaded.paths });
