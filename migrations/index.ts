import { Foundation1764806400000 } from './1764806400000-foundation';
import { Registry1764892800000 } from './1764892800000-registry';
import { KeysCards1764979200000 } from './1764979200000-keys-cards';
import { AuthChangeNotify1765065600000 } from './1765065600000-auth-change-notify';
import { BirthDateNames1765065600001 } from './1765065600001-birth-date-names';
import { NameTrigrams1765152000000 } from './1765152000000-name-trigrams';

/** Every migration, in order. Listed explicitly so the bundled server and CLI carry them. */
export const MIGRATIONS = [Foundation1764806400000, Registry1764892800000, KeysCards1764979200000, AuthChangeNotify1765065600000, BirthDateNames1765065600001,
  NameTrigrams1765152000000];
