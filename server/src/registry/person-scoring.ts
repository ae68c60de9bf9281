import type { MatchReason, PersonSearchHit } from '@tessera/contracts';
import type { SearchCriteria, TypedName } from '@tessera/registry-core';
import type { CandidateRow } from './person-search.repository';

const WEIGHTS = { name: 0.5, date: 0.3, phone: 0.3, email: 0.3, registry: 0.6 } as const;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Scores a candidate against the criteria (0..1) and says why it matched. Pure. */
export function scoreCandidate(r: CandidateRow, c: SearchCriteria, typed: TypedName): PersonSearchHit & { nameScore: number | null } {
  const reasons: MatchReason[] = [];
  let total = 0, weight = 0, nameScore: number | null = null;
  if (c.registryId) {
    weight += WEIGHTS.registry;
    if (r.registry_match) { total += WEIGHTS.registry; reasons.push({ field: 'registry_id', kind: 'exact' }); }
  }
  if (c.family) {
    const sig = typed.signals({ givenNorm: r.given_norm, familyNorm: r.family_norm, nameKeys: r.name_keys });
    const fam = sig.family ?? 0, primary = sig.familyPrimary ?? 0, giv = sig.given;
    const straight = giv === null ? fam : fam * 0.65 + giv * 0.35;
    const swapped = sig.swapped ?? 0;
    nameScore = Math.max(straight, swapped);
    weight += WEIGHTS.name;
    total += WEIGHTS.name * nameScore;
    if (swapped > straight + 0.05) {
      reasons.push({ field: 'family_name', kind: 'given_family_swapped', similarity: round2(swapped) });
    } else {
      const viaAlias = fam > primary + 0.05;
      reasons.push(fam >= 0.999
        ? { field: viaAlias ? 'alias' : 'family_name', kind: viaAlias ? 'alias' : 'exact' }
        : { field: viaAlias ? 'alias' : 'family_name', kind: viaAlias ? 'alias' : 'similar', similarity: round2(fam) });
      if (giv !== null) reasons.push(giv >= 0.999 ? { field: 'given_name', kind: 'exact' } : { field: 'given_name', kind: 'similar', similarity: round2(giv) });
    }
  }
  if (c.birthDate) {
    weight += WEIGHTS.date;
    if (r.date_match === 'exact') { total += WEIGHTS.date; reasons.push({ field: 'birth_date', kind: 'exact' }); }
    else if (r.date_match === 'swapped') { total += WEIGHTS.date * 0.8; reasons.push({ field: 'birth_date', kind: 'day_month_swapped' }); }
  }
  if (c.phone) {
    weight += WEIGHTS.phone;
    if (r.phone_match) { total += WEIGHTS.phone; reasons.push({ field: 'phone', kind: 'exact' }); }
  }
  if (c.email) {
    weight += WEIGHTS.email;
    if (r.email_match) { total += WEIGHTS.email; reasons.push({ field: 'email', kind: 'exact' }); }
  }
  const score = weight > 0 ? Math.round((total / weight) * 1000) / 1000 : 0;
  return {
    id: r.id, name: `${r.given_names} ${r.family_name}`, birthDate: r.birth_date, town: r.city,
    phoneLast4: r.phone_last4, score, reasons, explanation: explain(reasons), nameScore,
  };
}

const FIELD_WORDS: Record<MatchReason['field'], string> = {
  family_name: 'family name', given_name: 'given name', alias: 'alias/previous name', birth_date: 'birth date',
  phone: 'phone', email: 'email', registry_id: 'registry id',
};

/** "family name ~0.82, birth date exact, phone exact" */
export function explain(reasons: MatchReason[]): string {
  return reasons.map((r) => {
    const field = FIELD_WORDS[r.field];
    switch (r.kind) {
      case 'exact': return `${field} exact`;
      case 'similar': return `${field} ~${(r.similarity ?? 0).toFixed(2)}`;
      case 'alias': return `${field} ~${(r.similarity ?? 1).toFixed(2)}`;
      case 'day_month_swapped': return 'birth date with day and month swapped';
      case 'given_family_swapped': return `given and family names swapped ~${(r.similarity ?? 0).toFixed(2)}`;
    }
  }).join(', ');
}
