import { HttpParams, type HttpParameterCodec } from '@angular/common/http';

type ParamValue = string | number | boolean | null | undefined;

/**
 * Full percent-encoding: Angular's default codec leaves `+`, `;`, `=`, `/` and others as they are, and a server reads
 * a literal `+` in a query string as a space.
 */
class StrictCodec implements HttpParameterCodec {
  encodeKey(key: string): string {
    return encodeURIComponent(key);
  }
  encodeValue(value: string): string {
    return encodeURIComponent(value);
  }
  decodeKey(key: string): string {
    return decodeURIComponent(key);
  }
  decodeValue(value: string): string {
    return decodeURIComponent(value);
  }
}

const CODEC = new StrictCodec();

/** Query parameters without the empty ones (the API treats an absent filter as "any"). */
export function queryParams(values: Readonly<Record<string, ParamValue>>): HttpParams {
  let params = new HttpParams({ encoder: CODEC });
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}
