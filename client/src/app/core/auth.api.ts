import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ChangePasswordDto, MeResponse, MfaEnrolledResponse, MfaEnrolmentResponse, MfaVerifyDto, SignInDto,
} from '@tessera/contracts';

export const API = '/api/v1';

/** The sign-in and account endpoints under /api/v1/auth. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  me(): Observable<MeResponse> {
    return this.http.get<MeResponse>(`${API}/auth/me`);
  }

  signIn(body: SignInDto): Observable<MeResponse> {
    return this.http.post<MeResponse>(`${API}/auth/sign-in`, body);
  }

  verifyMfa(body: MfaVerifyDto): Observable<MeResponse> {
    return this.http.post<MeResponse>(`${API}/auth/mfa`, body);
  }

  changePassword(body: ChangePasswordDto): Observable<MeResponse> {
    return this.http.post<MeResponse>(`${API}/auth/password`, body);
  }

  startEnrolment(): Observable<MfaEnrolmentResponse> {
    return this.http.post<MfaEnrolmentResponse>(`${API}/auth/mfa-enrolment`, {});
  }

  confirmEnrolment(code: string): Observable<MfaEnrolledResponse> {
    return this.http.post<MfaEnrolledResponse>(`${API}/auth/mfa-enrolment/confirm`, { code });
  }

  signOut(): Observable<void> {
    return this.http.post<void>(`${API}/auth/sign-out`, {});
  }
}
