/** Checks on the decoded JWS header and payload claims (spec §2, §5, §10). Used by verifyCard. */
import { type JsonObject, isJsonObject } from './encoding';
import type { FindingList } from './findings';
import { checkMinimisation } from './minimisation';
import { HEALTH_CARD_VC_TYPE, issuerUrlProblem } from './payload';
import { RID_MAX_LENGTH, isValidRid } from './rid';

const DEPRECATED_VC_TYPES = new Set([
  'https://smarthealth.cards#immunization',
  'https://smarthealth.cards#covid19',
  'https://smarthealth.cards#laboratory',
]);
/** A NumericDate above this is milliseconds, not seconds (seconds this large are past the year 5000). */
const MILLISECONDS_THRESHOLD = 1e11;

export function checkHeader(header: JsonObject, findings: FindingList): string | undefined {
  if (header['alg'] !== 'ES256') findings.error('HEADER', `header alg must be "ES256", got ${JSON.stringify(header['alg'] ?? null)}`);
  if (header['zip'] !== 'DEF') findings.error('HEADER', `header zip must be "DEF", got ${JSON.stringify(header['zip'] ?? null)}`);
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid === '') {
    findings.error('HEADER', 'header kid must be a non-empty string');
    return undefined;
  }
  const extra = Object.keys(header).filter((k) => !['zip', 'alg', 'kid'].includes(k));
  if (extra.length > 0) findings.warning('HEADER', `header carries unexpected members: ${extra.join(', ')}`);
  return kid;
}

export interface ClaimsContext {
  now: Date;
  trustedIssuers?: readonly string[];
  clockToleranceSeconds: number;
}

export interface Claims {
  iss?: string;
  nbf?: number;
  exp?: number;
  rid?: string;
  bundle?: JsonObject;
}

function checkIssuer(iss: unknown, ctx: ClaimsContext, findings: FindingList): string | undefined {
  if (typeof iss !== 'string') {
    findings.error('ISSUER', 'payload iss is missing or not a string');
    return undefined;
  }
  const problem = issuerUrlProblem(iss);
  if (problem !== null) findings.error('ISSUER', problem);
  if (ctx.trustedIssuers !== undefined && !ctx.trustedIssuers.includes(iss)) {
    findings.error('ISSUER', `iss "${iss}" is not a trusted issuer`);
  }
  return iss;
}

function checkTimes(payload: JsonObject, ctx: ClaimsContext, findings: FindingList): { nbf?: number; exp?: number } {
  const nowSeconds = ctx.now.getTime() / 1000;
  const { nbf, exp } = payload;
  if ('iat' in payload) findings.warning('PAYLOAD', 'payload carries iat: SMART Health Cards use nbf (since v0.4.2)');
  let nbfOut: number | undefined;
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
    findings.error('PAYLOAD', 'payload nbf is missing or not a number');
  } else {
    nbfOut = nbf;
    if (nbf > MILLISECONDS_THRESHOLD) {
      findings.error('NOT_YET_VALID', `nbf ${nbf} looks like milliseconds: NumericDate is in seconds`);
    } else if (nbf > nowSeconds + ctx.clockToleranceSeconds) {
      findings.error('NOT_YET_VALID', `card is not valid before ${new Date(nbf * 1000).toISOString()} (nbf ${nbf})`);
    }
  }
  let expOut: number | undefined;
  if (exp !== undefined) {
    if (typeof exp !== 'number' || !Number.isFinite(exp)) {
      findings.error('PAYLOAD', 'payload exp is not a number');
    } else {
      expOut = exp;
      if (exp > MILLISECONDS_THRESHOLD) findings.error('EXPIRED', `exp ${exp} looks like milliseconds: NumericDate is in seconds`);
      else if (exp < nowSeconds - ctx.clockToleranceSeconds) {
        findings.error('EXPIRED', `card expired at ${new Date(exp * 1000).toISOString()} (exp ${exp})`);
      }
    }
  }
  return { nbf: nbfOut, exp: expOut };
}

function checkVc(vc: unknown, findings: FindingList): { rid?: string; bundle?: JsonObject } {
  if (!isJsonObject(vc)) {
    findings.error('PAYLOAD', 'payload vc is missing or not an object');
    return {};
  }
  const types = vc['type'];
  if (!Array.isArray(types) || !types.includes(HEALTH_CARD_VC_TYPE)) {
    findings.error('PAYLOAD', `vc.type must contain "${HEALTH_CARD_VC_TYPE}"`);
  } else {
    const deprecated = types.filter((t): t is string => typeof t === 'string' && DEPRECATED_VC_TYPES.has(t));
    if (deprecated.length > 0) findings.warning('PAYLOAD', `vc.type holds types deprecated in v1.4.0: ${deprecated.join(', ')}`);
  }
  let rid: string | undefined;
  if ('rid' in vc) {
    const value = vc['rid'];
    if (typeof value === 'string' && isValidRid(value)) rid = value;
    else findings.error('PAYLOAD', `vc.rid must be 1–${RID_MAX_LENGTH} base64url characters, got ${JSON.stringify(value)}`);
  }
  const subject = vc['credentialSubject'];
  if (!isJsonObject(subject)) {
    findings.error('PAYLOAD', 'vc.credentialSubject is missing or not an object');
    return { rid };
  }
  if (typeof subject['fhirVersion'] !== 'string') findings.error('PAYLOAD', 'credentialSubject.fhirVersion must be a string');
  const bundle = subject['fhirBundle'];
  if (!isJsonObject(bundle) || bundle['resourceType'] !== 'Bundle') {
    findings.error('PAYLOAD', 'credentialSubject.fhirBundle must be a FHIR Bundle');
    return { rid };
  }
  return { rid, bundle };
}

/** Payload claims, issuer, validity window and minimisation. */
export function checkClaims(payload: JsonObject, ctx: ClaimsContext, findings: FindingList): Claims {
  const iss = checkIssuer(payload['iss'], ctx, findings);
  const { nbf, exp } = checkTimes(payload, ctx, findings);
  const { rid, bundle } = checkVc(payload['vc'], findings);
  if (bundle !== undefined) {
    const issues = checkMinimisation(bundle);
    const byRule = new Map<string, typeof issues>();
    for (const issue of issues) byRule.set(issue.rule, [...(byRule.get(issue.rule) ?? []), issue]);
    // One finding per rule: the spec's oversize example alone has 55 absolute references.
    for (const group of byRule.values()) {
      const [first] = group;
      if (first === undefined) continue;
      const more = group.length > 1 ? ` (and ${group.length - 1} more like it)` : '';
      findings.error('MINIMISATION', `${first.message}${more}`, `vc.credentialSubject.fhirBundle.${first.path}`);
    }
  }
  return { iss, nbf, exp, rid, bundle };
}
