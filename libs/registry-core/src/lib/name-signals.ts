import { setSimilarity, setWordSimilarity, trigramSet } from './trigram';

/** How a person's names compare with the typed ones (pg_trgm similarities, 0..1); null where nothing was typed. */
export interface NameSignals {
  /** Best of the family-name keys (whole, parts, joined, aliases) against the typed family name. */
  family: number | null;
  /** The recorded family name itself against the typed one (an alias matching better says "alias"). */
  familyPrimary: number | null;
  /** The typed given name against the best-matching part of the given names. */
  given: number | null;
  /** Given and family typed the other way round: the mean of both cross similarities. */
  swapped: number | null;
}

export interface PersonNames {
  givenNorm: string;
  familyNorm: string;
  nameKeys: readonly string[];
}

/** A typed (normalised) name, with its trigram sets computed once for all the candidates of one search. */
export class TypedName {
  private readonly familySet: Int32Array | null;
  private readonly givenSet: Int32Array | null;

  constructor(readonly family: string | null, readonly given: string | null) {
    this.familySet = family ? trigramSet(family) : null;
    this.givenSet = given ? trigramSet(given) : null;
  }

  /** The trigram set of all the typed words, as `person.name_trigrams` holds a person's (for the birth-date shortlist). */
  allWords(): number[] {
    return Array.from(trigramSet([this.given, this.family].filter(Boolean).join(' ')));
  }

  signals(p: PersonNames): NameSignals {
    // The recorded family name is nearly always also the first key: one trigram set for both.
    const keys = this.familySet || this.givenSet ? p.nameKeys.map(trigramSet) : [];
    // null without keys, as PostgreSQL's max() over none was
    const bestKey = (typed: Int32Array): number | null => {
      let best: number | null = null;
      for (const k of keys) best = Math.max(best ?? 0, setSimilarity(k, typed));
      return best;
    };
    const familyNormSet = this.familySet ? (p.nameKeys[0] === p.familyNorm ? keys[0]! : trigramSet(p.familyNorm)) : null;
    const givenAsFamily = this.familySet && this.givenSet ? bestKey(this.givenSet) : null;
    return {
      family: this.familySet ? bestKey(this.familySet) : null,
      familyPrimary: this.familySet ? setSimilarity(familyNormSet!, this.familySet) : null,
      given: this.givenSet ? setWordSimilarity(this.givenSet, p.givenNorm) : null,
      swapped: givenAsFamily === null ? null : Math.fround((setSimilarity(trigramSet(p.givenNorm), this.familySet!) + givenAsFamily) / 2),
    };
  }
}
