import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@tessera/contracts';

/** The RFC 9457 problem document carried by an HTTP error, if there is one. */
export function problemOf(err: unknown): ProblemDetails | null {
  if (!(err instanceof HttpErrorResponse)) return null;
  const body: unknown = err.error;
  if (body && typeof body === 'object' && 'title' in body && 'status' in body) return body as ProblemDetails;
  return null;
}

/** Field-level messages of a problem, keyed by field name (only the fields named in it). */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problemOf(err)?.errors ?? []) {
    if (e.field) out[e.field] = e.messages.join(' ');
  }
  return out;
}

/** Readable text for any error of an API call: the problem detail plus any field messages it does not already say. */
export function problemMessage(err: unknown): string {
  if (err instanceof HttpErrorResponse && err.status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  const problem = problemOf(err);
  if (!problem) {
    if (err instanceof HttpErrorResponse) return `The request failed (HTTP ${err.status}${err.statusText ? ` ${err.statusText}` : ''}).`;
    return 'Something went wrong.';
  }
  const lines: string[] = [problem.detail || problem.title || 'The request failed.'];
  const first = lines[0] ?? '';
  for (const field of problem.errors ?? []) {
    for (const message of field.messages) {
      if (!first.includes(message)) lines.push(field.field ? `${field.field}: ${message}` : message);
    }
  }
  if (problem.status >= 500 && problem.requestId) lines.push(`Request id: ${problem.requestId}`);
  return lines.join('\n');
}
