import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CardResponse, IssueCardDto, IssuedCardResponse } from '@tessera/contracts';
import { API } from '../core/auth.api';

/** The downloads of a recorded card (same-origin GETs: the session cookie goes along). */
export type CardDownload = 'file' | 'qr.png' | 'qr.svg' | 'card.pdf';

export function cardDownloadUrl(cardId: string, what: CardDownload): string {
  return `${API}/cards/${encodeURIComponent(cardId)}/${what}`;
}

/** SMART Health Card issuance and the cards recorded for a person. */
@Injectable({ providedIn: 'root' })
export class CardsApi {
  private readonly http = inject(HttpClient);

  issue(body: IssueCardDto): Observable<IssuedCardResponse> {
    return this.http.post<IssuedCardResponse>(`${API}/cards`, body);
  }

  card(id: string): Observable<IssuedCardResponse> {
    return this.http.get<IssuedCardResponse>(`${API}/cards/${encodeURIComponent(id)}`);
  }

  forPerson(personId: string): Observable<CardResponse[]> {
    return this.http.get<CardResponse[]>(`${API}/persons/${encodeURIComponent(personId)}/cards`);
  }
}
