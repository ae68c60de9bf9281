import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CardInspectionResponse } from '@tessera/contracts';
import { API } from '../core/auth.api';

/** The largest upload the inspector accepts (the server refuses more with 413). */
export const INSPECTION_MAX_BYTES = 5 * 1024 * 1024;
/** The longest pasted text (InspectCardTextDto). */
export const INSPECTION_MAX_TEXT = 5_000_000;

/** The card inspector: what a card says, who signed it, and every rule it breaks. */
@Injectable({ providedIn: 'root' })
export class InspectorApi {
  private readonly http = inject(HttpClient);

  /** A pasted `shc:/` text, compact JWS, or `.smart-health-card` file content. */
  inspectText(text: string): Observable<CardInspectionResponse> {
    return this.http.post<CardInspectionResponse>(`${API}/card-inspections`, { text });
  }

  /** A QR image (PNG/JPEG, decoded on the server) or a `.smart-health-card` file, sent as the raw request body. */
  inspectFile(file: File): Observable<CardInspectionResponse> {
    const type = file.type === 'image/png' || file.type === 'image/jpeg' ? file.type : 'application/octet-stream';
    return this.http.post<CardInspectionResponse>(`${API}/card-inspections`, file, { headers: { 'Content-Type': type } });
  }
}
