import { PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { Subject, catchError, map, of, switchMap, tap } from 'rxjs';
import type { PersonSearchHit, PersonSearchResponse } from '@tessera/contracts';
import { problemMessage, problemOf } from '../core/problem';
import { RegistryApi, type PersonSearchQuery } from './registry.api';
import { askViewPurpose, viewQueryParams } from './view-purpose';

interface SearchRequest {
  query: PersonSearchQuery;
  /** Null for the first page. */
  cursor: string | null;
}

/** Why the server would not run a search (400 / 422): shown as advice under the search box, not as an error. */
interface SearchAdvice {
  title: string;
  detail: string;
}

const UNDERSTOOD_LABELS: Readonly<Record<keyof PersonSearchResponse['understood'], string>> = {
  name: 'Name',
  birthDate: 'Birth date',
  phone: 'Phone',
  email: 'Email',
  registryId: 'Registry id',
};

/** "Find a person": one free-text box (plus optional separate fields), ranked results with keyset paging. */
@Component({
  selector: 'tsr-person-search-page',
  imports: [
    MatButtonModule, MatChipsModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule,
    MatTableModule, PercentPipe, ReactiveFormsModule,
  ],
  templateUrl: './person-search-page.html',
  styleUrl: './person-search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonSearchPage {
  private readonly api = inject(RegistryApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly searchBox = viewChild.required<ElementRef<HTMLInputElement>>('searchBox');

  protected readonly columns = ['name', 'birthDate', 'town', 'phone', 'match'];
  protected readonly form = inject(NonNullableFormBuilder).group({
    q: [''],
    name: [''],
    birthDate: [''],
    phone: [''],
    email: [''],
    registryId: [''],
  });
  protected readonly moreFields = signal(false);

  protected readonly hits = signal<PersonSearchHit[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly understood = signal<PersonSearchResponse['understood'] | null>(null);
  protected readonly loading = signal(false);
  /** True once a search has answered (the result may be empty). */
  protected readonly searched = signal(false);
  protected readonly advice = signal<SearchAdvice | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly understoodChips = computed(() => {
    const understood = this.understood();
    if (!understood) return [];
    return (Object.keys(UNDERSTOOD_LABELS) as (keyof typeof UNDERSTOOD_LABELS)[])
      .map((key) => ({ key, label: UNDERSTOOD_LABELS[key], value: understood[key] }))
      .filter((chip): chip is { key: typeof chip.key; label: string; value: string } => !!chip.value);
  });

  /** The search status in words, for the live region. */
  protected readonly status = computed(() => {
    if (this.loading()) return 'Searching…';
    if (!this.searched() || this.advice() || this.error()) return '';
    const n = this.hits().length;
    if (n === 0) return 'No one found.';
    const found = n === 1 ? '1 person found' : `${n} people found`;
    return this.nextCursor() ? `${found} so far; more results are available.` : `${found}.`;
  });

  private readonly requests = new Subject<SearchRequest>();
  private lastRequest: SearchRequest | null = null;

  constructor() {
    this.requests
      .pipe(
        tap((request) => {
          this.lastRequest = request;
          this.loading.set(true);
          this.error.set(null);
          this.advice.set(null);
        }),
        switchMap((request) =>
          this.api.search(request.query, request.cursor).pipe(
            map((response) => ({ request, response })),
            catchError((err: unknown) => {
              this.failed(request, err);
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        if (!result) return;
        const { request, response } = result;
        const firstNew = request.cursor ? this.hits().length : 0;
        this.hits.update((hits) => (request.cursor ? [...hits, ...response.items] : response.items));
        this.nextCursor.set(response.nextCursor);
        this.understood.set(response.understood);
        this.searched.set(true);
        // After "More results", continue where the new rows start (the button may have gone).
        if (request.cursor && response.items.length > 0) this.focusHit(firstNew);
      });

    afterNextRender(() => this.searchBox().nativeElement.focus());
  }

  protected toggleMoreFields(): void {
    this.moreFields.update((open) => !open);
  }

  protected submit(): void {
    const raw = this.form.getRawValue();
    const query: PersonSearchQuery = {
      q: raw.q.trim(),
      name: raw.name.trim(),
      birthDate: raw.birthDate.trim(),
      phone: raw.phone.trim(),
      email: raw.email.trim(),
      registryId: raw.registryId.trim(),
    };
    if (Object.values(query).every((v) => v === '')) {
      this.error.set(null);
      this.advice.set({
        title: 'Nothing to search for',
        detail: 'Enter a name, a birth date, a phone number, an email address or a registry id.',
      });
      return;
    }
    this.requests.next({ query, cursor: null });
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (!this.lastRequest || !cursor || this.loading()) return;
    this.requests.next({ query: this.lastRequest.query, cursor });
  }

  protected retry(): void {
    if (this.lastRequest) this.requests.next(this.lastRequest);
  }

  protected open(hit: PersonSearchHit): void {
    askViewPurpose(this.dialog, { name: hit.name }).subscribe((choice) => {
      if (!choice) return;
      void this.router.navigate(['/registry/persons', hit.id], { queryParams: viewQueryParams(choice) });
    });
  }

  private failed(request: SearchRequest, err: unknown): void {
    if (!request.cursor) {
      this.hits.set([]);
      this.nextCursor.set(null);
      this.understood.set(null);
      this.searched.set(false);
    }
    const problem = problemOf(err);
    if (problem && (problem.status === 400 || problem.status === 422)) {
      this.advice.set({ title: problem.title, detail: problem.detail ?? '' });
    } else {
      this.error.set(problemMessage(err));
    }
  }

  private focusHit(index: number): void {
    afterNextRender(
      () => this.host.nativeElement.querySelectorAll<HTMLElement>('tr[data-testid="person-hit"]').item(index)?.focus(),
      { injector: this.injector },
    );
  }
}
