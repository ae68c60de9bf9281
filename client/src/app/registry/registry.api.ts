import { HttpClient, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  PersonResponse, PersonSearchDto, PersonSearchResponse, RegistryImportResponse, ViewPurpose,
} from '@tessera/contracts';
import { API } from '../core/auth.api';
import { queryParams } from '../core/http-params';

/** The search criteria as the search page holds them ('' = not given). */
export type PersonSearchQuery = Required<Pick<PersonSearchDto, 'q' | 'name' | 'birthDate' | 'phone' | 'email' | 'registryId'>>;

/** Results per page of the person search. */
export const PERSON_SEARCH_PAGE_SIZE = 20;

/**
 * An HTTP header value must be ISO-8859-1; the server keeps only letters, digits, `_`, `.`, `-` and spaces of the
 * name anyway, so anything else becomes `_` here.
 */
function headerSafeFilename(name: string): string {
  return name.replace(/[^\w.\- ]/g, '_').slice(0, 200) || 'upload';
}

/** The immunization registry endpoints: person search and view, registry imports. */
@Injectable({ providedIn: 'root' })
export class RegistryApi {
  private readonly http = inject(HttpClient);

  search(query: PersonSearchQuery, cursor: string | null): Observable<PersonSearchResponse> {
    return this.http.get<PersonSearchResponse>(`${API}/persons/search`, {
      params: queryParams({ ...query, cursor, limit: PERSON_SEARCH_PAGE_SIZE }),
    });
  }

  /** Opens a record; the server audits the view with its purpose. */
  person(id: string, purpose: ViewPurpose, caseNumber: string | null): Observable<PersonResponse> {
    return this.http.get<PersonResponse>(`${API}/persons/${encodeURIComponent(id)}`, {
      params: queryParams({ purpose, caseNumber }),
    });
  }

  /** Uploads a file as the raw request body, reporting the upload's progress; the response is the (running) run. */
  upload(file: File): Observable<HttpEvent<RegistryImportResponse>> {
    return this.http.post<RegistryImportResponse>(`${API}/registry-imports`, file, {
      headers: { 'Content-Type': 'application/octet-stream', 'X-Filename': headerSafeFilename(file.name) },
      reportProgress: true,
      observe: 'events',
    });
  }

  importRun(id: string): Observable<RegistryImportResponse> {
    return this.http.get<RegistryImportResponse>(`${API}/registry-imports/${encodeURIComponent(id)}`);
  }

  importRuns(): Observable<RegistryImportResponse[]> {
    return this.http.get<RegistryImportResponse[]>(`${API}/registry-imports`);
  }
}
