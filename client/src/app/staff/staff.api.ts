import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CreateStaffDto, Page, Role, StaffQueryDto, StaffResponse, StaffStatus, StaffWithPasswordResponse, UpdateStaffRolesDto,
} from '@tessera/contracts';
import { API } from '../core/auth.api';
import { queryParams } from '../core/http-params';

export type StaffSortField = NonNullable<StaffQueryDto['sort']>;

/** The staff list query as the page holds it ('' = any). */
export interface StaffQuery {
  q: string;
  status: StaffStatus | '';
  role: Role | '';
  page: number;
  pageSize: number;
  sort: StaffSortField;
  order: 'asc' | 'desc';
}

export type StaffStatusAction = 'disable' | 'enable' | 'reset-mfa';

/** Staff administration endpoints. */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly http = inject(HttpClient);

  list(query: StaffQuery): Observable<Page<StaffResponse>> {
    return this.http.get<Page<StaffResponse>>(`${API}/staff`, { params: queryParams({ ...query }) });
  }

  create(body: CreateStaffDto): Observable<StaffWithPasswordResponse> {
    return this.http.post<StaffWithPasswordResponse>(`${API}/staff`, body);
  }

  updateRoles(id: string, body: UpdateStaffRolesDto): Observable<StaffResponse> {
    return this.http.put<StaffResponse>(`${API}/staff/${encodeURIComponent(id)}/roles`, body);
  }

  /** Disable, enable, or reset MFA (each needs a reason). */
  act(id: string, action: StaffStatusAction, reason: string): Observable<StaffResponse> {
    return this.http.post<StaffResponse>(`${API}/staff/${encodeURIComponent(id)}/${action}`, { reason });
  }

  resetPassword(id: string, reason: string): Observable<StaffWithPasswordResponse> {
    return this.http.post<StaffWithPasswordResponse>(`${API}/staff/${encodeURIComponent(id)}/reset-password`, { reason });
  }
}
