import { signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { catchError, of, switchMap, tap, type Observable } from 'rxjs';
import type { Page } from '@tessera/contracts';
import { problemMessage } from './problem';

export interface ServerPage<T> {
  rows: Signal<T[]>;
  total: Signal<number>;
  loading: Signal<boolean>;
  error: Signal<string | null>;
}

/**
 * A table page fetched from the server whenever `query` changes (paging, sorting and filtering happen on the
 * server); a newer query cancels the older request. Call in an injection context (a field initialiser).
 */
export function serverPage<Q, T>(query: Signal<Q>, fetch: (query: Q) => Observable<Page<T>>): ServerPage<T> {
  const rows = signal<T[]>([]);
  const total = signal(0);
  const loading = signal(false);
  const error = signal<string | null>(null);
  toObservable(query)
    .pipe(
      tap(() => {
        loading.set(true);
        error.set(null);
      }),
      switchMap((q) =>
        fetch(q).pipe(
          catchError((err: unknown) => {
            error.set(problemMessage(err));
            return of(null);
          }),
        ),
      ),
      takeUntilDestroyed(),
    )
    .subscribe((page) => {
      loading.set(false);
      if (!page) return;
      rows.set(page.items);
      total.set(page.total);
    });
  return { rows: rows.asReadonly(), total: total.asReadonly(), loading: loading.asReadonly(), error: error.asReadonly() };
}
