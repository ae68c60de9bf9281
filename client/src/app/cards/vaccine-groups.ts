import type { ImmunizationResponse } from '@tessera/contracts';

/** The registry's vaccine groups (registry-core `VaccineGroup`) in words; unknown groups show as they are. */
const GROUP_LABELS: Readonly<Record<string, string>> = {
  covid19: 'COVID-19',
  influenza: 'Influenza',
  mmr: 'Measles, mumps, rubella',
  dtap: 'DTaP',
  tdap_td: 'Tdap / Td',
  hepb: 'Hepatitis B',
  hepa: 'Hepatitis A',
  hib: 'Hib',
  polio: 'Polio',
  pneumococcal: 'Pneumococcal',
  varicella: 'Varicella',
  rotavirus: 'Rotavirus',
  hpv: 'HPV',
  meningococcal: 'Meningococcal',
  zoster: 'Zoster',
  rsv: 'RSV',
  mpox: 'Mpox',
};

/** The card's default: COVID-19 doses. */
export const DEFAULT_GROUP = 'covid19';

export function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group;
}

export interface VaccineGroupChoice {
  group: string;
  label: string;
  /** Every dose of the group, oldest first (entered-in-error ones shown but not selectable). */
  doses: ImmunizationResponse[];
  completed: number;
}

/** The groups with at least one completed dose, COVID-19 first, then by label. */
export function vaccineGroupChoices(immunizations: readonly ImmunizationResponse[]): VaccineGroupChoice[] {
  const byGroup = new Map<string, ImmunizationResponse[]>();
  for (const i of immunizations) {
    const list = byGroup.get(i.vaccineGroup) ?? [];
    list.push(i);
    byGroup.set(i.vaccineGroup, list);
  }
  return [...byGroup.entries()]
    .map(([group, doses]) => ({
      group,
      label: groupLabel(group),
      doses: [...doses].sort((a, b) => a.occurrenceDate.localeCompare(b.occurrenceDate)),
      completed: doses.filter((d) => d.status === 'completed').length,
    }))
    .filter((g) => g.completed > 0)
    .sort((a, b) => (a.group === DEFAULT_GROUP ? -1 : b.group === DEFAULT_GROUP ? 1 : a.label.localeCompare(b.label)));
}
