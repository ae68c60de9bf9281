import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ActivateIssuerKeyDto, CreatedPortalClientResponse, CreatePortalClientDto, IssuerKeyResponse, IssuerKeysResponse,
  KeyRevocationRequestResponse, PortalClientResponse, RevocationDecisionDto,
} from '@tessera/contracts';
import { API } from '../core/auth.api';

const id = (value: string): string => encodeURIComponent(value);

/** Issuer signing keys: list, create, activate, retire, revocation for compromise (request, then a second admin decides). */
@Injectable({ providedIn: 'root' })
export class KeysApi {
  private readonly http = inject(HttpClient);

  list(): Observable<IssuerKeysResponse> {
    return this.http.get<IssuerKeysResponse>(`${API}/issuer-keys`);
  }

  create(reason: string): Observable<IssuerKeyResponse> {
    return this.http.post<IssuerKeyResponse>(`${API}/issuer-keys`, { reason });
  }

  /** May answer 409 when the key was published too recently (retry with the acknowledgement) or the gate failed. */
  activate(keyId: string, body: ActivateIssuerKeyDto): Observable<IssuerKeyResponse> {
    return this.http.post<IssuerKeyResponse>(`${API}/issuer-keys/${id(keyId)}/activate`, body);
  }

  retire(keyId: string, reason: string): Observable<IssuerKeyResponse> {
    return this.http.post<IssuerKeyResponse>(`${API}/issuer-keys/${id(keyId)}/retire`, { reason });
  }

  requestRevocation(keyId: string, reason: string): Observable<KeyRevocationRequestResponse> {
    return this.http.post<KeyRevocationRequestResponse>(`${API}/issuer-keys/${id(keyId)}/revocation-requests`, { reason });
  }

  decideRevocation(requestId: string, body: RevocationDecisionDto): Observable<KeyRevocationRequestResponse> {
    return this.http.post<KeyRevocationRequestResponse>(`${API}/issuer-key-revocations/${id(requestId)}/decision`, body);
  }
}

/** The resident portal's machine credentials (key administrators). */
@Injectable({ providedIn: 'root' })
export class PortalClientsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<PortalClientResponse[]> {
    return this.http.get<PortalClientResponse[]>(`${API}/portal-clients`);
  }

  create(body: CreatePortalClientDto): Observable<CreatedPortalClientResponse> {
    return this.http.post<CreatedPortalClientResponse>(`${API}/portal-clients`, body);
  }

  revoke(clientId: string, reason: string): Observable<PortalClientResponse> {
    return this.http.post<PortalClientResponse>(`${API}/portal-clients/${id(clientId)}/revoke`, { reason });
  }
}
