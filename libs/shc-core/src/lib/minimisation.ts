/**
 * Payload minimisation rules (spec §6, SHALL for cards presented as QR codes): no Resource.id, no Resource.meta
 * other than meta.security, no DomainResource.text, no CodeableConcept.text, no Coding.display; fullUrl and every
 * Reference.reference are short `resource:N` URIs. Plus spec §7: Immunization.status must be "completed".
 * Reference.display is allowed.
 */
import { type JsonObject, type JsonValue, isJsonObject } from './encoding';

export type MinimisationRule = 'id' | 'meta' | 'text' | 'display' | 'fullUrl' | 'reference' | 'status' | 'structure';

export interface MinimisationIssue {
  rule: MinimisationRule;
  /** JSON path inside the bundle, e.g. entry[1].resource.vaccineCode.coding[0].display */
  path: string;
  message: string;
}

const RESOURCE_URI = /^resource:(0|[1-9]\d*)$/;

function checkMeta(meta: JsonValue, path: string, issues: MinimisationIssue[]): void {
  const extra = isJsonObject(meta) ? Object.keys(meta).filter((k) => k !== 'security') : ['(not an object)'];
  if (extra.length > 0) {
    issues.push({ rule: 'meta', path, message: `meta may hold only "security", found ${extra.join(', ')}` });
  }
}

function walk(value: JsonValue, path: string, fullUrls: ReadonlySet<string>, issues: MinimisationIssue[], inCoding: boolean): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, fullUrls, issues, inCoding));
    return;
  }
  if (!isJsonObject(value)) return;
  const isCoding = inCoding || (typeof value['system'] === 'string' && typeof value['code'] === 'string');
  if (isCoding && 'display' in value) {
    issues.push({ rule: 'display', path: `${path}.display`, message: 'Coding.display must be omitted' });
  }
  if (Array.isArray(value['coding']) && 'text' in value) {
    issues.push({ rule: 'text', path: `${path}.text`, message: 'CodeableConcept.text must be omitted' });
  }
  const reference = value['reference'];
  if (typeof reference === 'string') {
    if (!RESOURCE_URI.test(reference)) {
      issues.push({ rule: 'reference', path: `${path}.reference`, message: `reference "${reference}" is not a resource:N URI` });
    } else if (!fullUrls.has(reference)) {
      issues.push({ rule: 'reference', path: `${path}.reference`, message: `reference "${reference}" names no entry of the bundle` });
    }
  }
  for (const [key, child] of Object.entries(value)) {
    walk(child, `${path}.${key}`, fullUrls, issues, key === 'coding');
  }
}

function checkResource(resource: JsonObject, path: string, fullUrls: ReadonlySet<string>, issues: MinimisationIssue[]): void {
  if ('id' in resource) issues.push({ rule: 'id', path: `${path}.id`, message: 'Resource.id must be omitted' });
  if ('meta' in resource) checkMeta(resource['meta'] ?? null, `${path}.meta`, issues);
  if ('text' in resource) issues.push({ rule: 'text', path: `${path}.text`, message: 'DomainResource.text must be omitted' });
  if (resource['resourceType'] === 'Immunization' && resource['status'] !== 'completed') {
    issues.push({
      rule: 'status',
      path: `${path}.status`,
      message: `Immunization.status is ${JSON.stringify(resource['status'] ?? null)}; only "completed" doses belong on a card`,
    });
  }
  for (const [key, child] of Object.entries(resource)) {
    if (key === 'meta' || key === 'text') continue;
    walk(child, `${path}.${key}`, fullUrls, issues, key === 'coding');
  }
}

/** Every minimisation problem in the bundle, in document order. Empty for a conformant card bundle. */
export function checkMinimisation(bundle: JsonObject): MinimisationIssue[] {
  const issues: MinimisationIssue[] = [];
  if ('id' in bundle) issues.push({ rule: 'id', path: 'id', message: 'Bundle.id must be omitted' });
  if ('meta' in bundle) checkMeta(bundle['meta'] ?? null, 'meta', issues);
  const entries = bundle['entry'];
  if (!Array.isArray(entries)) {
    issues.push({ rule: 'structure', path: 'entry', message: 'Bundle.entry must be an array' });
    return issues;
  }
  const fullUrls = new Set<string>();
  entries.forEach((entry, i) => {
    const fullUrl = isJsonObject(entry) ? entry['fullUrl'] : undefined;
    if (typeof fullUrl !== 'string' || !RESOURCE_URI.test(fullUrl)) {
      issues.push({ rule: 'fullUrl', path: `entry[${i}].fullUrl`, message: `fullUrl ${JSON.stringify(fullUrl ?? null)} is not a resource:N URI` });
    } else {
      fullUrls.add(fullUrl);
    }
  });
  entries.forEach((entry, i) => {
    const resource = isJsonObject(entry) ? entry['resource'] : undefined;
    if (resource === undefined || !isJsonObject(resource)) {
      issues.push({ rule: 'structure', path: `entry[${i}].resource`, message: 'entry has no resource object' });
      return;
    }
    checkResource(resource, `entry[${i}].resource`, fullUrls, issues);
  });
  return issues;
}
