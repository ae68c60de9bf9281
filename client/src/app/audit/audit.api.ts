import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AuditEventResponse, AuditFilterDto, AuditSortField, AuditVerifyResponse, Page, SignedHeadResponse,
} from '@tessera/contracts';
import { API } from '../core/auth.api';
import { queryParams } from '../core/http-params';

export type AuditFilters = AuditFilterDto;

export interface AuditQuery {
  filters: AuditFilters;
  page: number;
  pageSize: number;
  sort: AuditSortField;
  order: 'asc' | 'desc';
}

/** The audit log endpoints. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<Page<AuditEventResponse>> {
    const { filters, ...paging } = query;
    return this.http.get<Page<AuditEventResponse>>(`${API}/audit-events`, { params: queryParams({ ...filters, ...paging }) });
  }

  verify(): Observable<AuditVerifyResponse> {
    return this.http.post<AuditVerifyResponse>(`${API}/audit-events/verify`, {});
  }

  signHead(): Observable<SignedHeadResponse> {
    return this.http.post<SignedHeadResponse>(`${API}/audit-events/sign-head`, {});
  }

  /** A plain link to the export (a GET: the browser downloads it with the session cookie; no CSRF header needed). */
  exportUrl(filters: AuditFilters, format: 'csv' | 'ndjson'): string {
    return `${API}/audit-events/export?${queryParams({ format, ...filters }).toString()}`;
  }
}
