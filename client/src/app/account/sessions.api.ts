import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { SessionResponse } from '@tessera/contracts';
import { API } from '../core/auth.api';

/** The caller's own sessions. */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<SessionResponse[]> {
    return this.http.get<SessionResponse[]>(`${API}/sessions`);
  }

  end(id: string): Observable<void> {
    return this.http.delete<void>(`${API}/sessions/${encodeURIComponent(id)}`);
  }
}
