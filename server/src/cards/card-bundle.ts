import { type JsonObject, type JsonValue, inflatePayload, isJsonObject, parseJson, parseJws } from '@tessera/shc-core';

/** What a card's bundle says, read defensively (the inspector reads cards from anywhere). */
export interface BundleSummary {
  patient: { name: string; birthDate: string | null } | null;
  doses: { cvx: string; occurrenceDate: string | null; performer: string | null; lotNumber: string | null }[];
}

const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const obj = (v: JsonValue | undefined): JsonObject | null => (v !== undefined && isJsonObject(v) ? v : null);
const first = (v: JsonValue | undefined): JsonValue | undefined => (Array.isArray(v) ? v[0] : undefined);

export function summarizeBundle(bundle: JsonObject): BundleSummary {
  const entries = Array.isArray(bundle['entry']) ? bundle['entry'] : [];
  const summary: BundleSummary = { patient: null, doses: [] };
  for (const entry of entries) {
    const resource = obj(obj(entry)?.['resource']);
    if (!resource) continue;
    if (resource['resourceType'] === 'Patient' && summary.patient === null) {
      const name = obj(first(resource['name']));
      const given = Array.isArray(name?.['given']) ? name['given'].map(str).filter((g): g is string => g !== null) : [];
      const text = [...given, str(name?.['family'])].filter((p): p is string => p !== null).join(' ');
      summary.patient = { name: text || '(no name)', birthDate: str(resource['birthDate']) };
    } else if (resource['resourceType'] === 'Immunization') {
      const coding = obj(first(obj(resource['vaccineCode'])?.['coding']));
      summary.doses.push({
        cvx: str(coding?.['code']) ?? '(none)',
        occurrenceDate: str(resource['occurrenceDateTime']) ?? str(resource['occurrenceString']),
        performer: str(obj(obj(first(resource['performer']))?.['actor'])?.['display']),
        lotNumber: str(resource['lotNumber']),
      });
    }
  }
  return summary;
}

/** The bundle inside a card we signed ourselves (trusted input: any failure is a bug). */
export function bundleOfJws(jws: string): JsonObject {
  const payload = parseJson(inflatePayload(parseJws(jws).payload));
  const bundle = obj(obj(obj(obj(payload?.value)?.['vc'])?.['credentialSubject'])?.['fhirBundle']);
  if (!bundle) throw new Error('card payload has no FHIR bundle');
  return bundle;
}
