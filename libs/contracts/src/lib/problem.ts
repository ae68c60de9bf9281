/** RFC 9457 problem details, as every API error is sent (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Request id, also in the `X-Request-Id` header and the server's log line. */
  requestId?: string;
  /** Field-level validation messages, where the request body or query was invalid. */
  errors?: { field: string; messages: string[] }[];
  /** Seconds to wait, on 429. */
  retryAfter?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
