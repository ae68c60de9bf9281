import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy, Component, type ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Subject, catchError, map, merge, of, switchMap, tap } from 'rxjs';
import type { PersonAliasResponse, PersonResponse, RecordHistoryResponse, ViewPurpose } from '@tessera/contracts';
import { PersonCards } from '../cards/person-cards';
import { AuthStore } from '../core/auth.store';
import { problemMessage } from '../core/problem';
import { RegistryApi } from './registry.api';
import { askViewPurpose, isViewPurpose, purposeLabel, viewChoiceOf, viewQueryParams, type ViewChoice } from './view-purpose';

interface ViewRequest extends ViewChoice {
  id: string;
}

interface FieldChange {
  field: string;
  old: string;
  new: string;
}

interface HistoryEntry extends RecordHistoryResponse {
  /** What the entry is about, e.g. "Person record" or "Immunization MMR on 2019-05-02". */
  subject: string;
  changes: FieldChange[];
}

const SEX_LABELS: Readonly<Record<PersonResponse['sex'], string>> = { F: 'Female', M: 'Male', U: 'Unknown' };
const ALIAS_KIND_LABELS: Readonly<Record<PersonAliasResponse['kind'], string>> = {
  maiden: 'maiden name',
  previous: 'previous name',
  alias: 'also known as',
};
const SOURCE_LABELS: Readonly<Record<RecordHistoryResponse['changeSource'], string>> = {
  import: 'Registry import',
  correction: 'Correction',
  review: 'Review',
};

/** `birthDate` / `family_name` → "Birth date" / "Family name". */
function fieldLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Any API value as plain text (interpolated, never HTML). */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function changesOf(entry: RecordHistoryResponse): FieldChange[] {
  const fields = new Set([...Object.keys(entry.oldValues ?? {}), ...Object.keys(entry.newValues)]);
  return [...fields].map((field) => ({
    field: fieldLabel(field),
    old: valueText(entry.oldValues?.[field]),
    new: valueText(entry.newValues[field]),
  }));
}

/**
 * One resident's record, opened for a purpose that travels in the URL (`?purpose=…&caseNumber=…`); the server audits
 * every view with it. Without a (valid) purpose the purpose dialog asks first.
 */
@Component({
  selector: 'tsr-person-page',
  imports: [
    DatePipe, MatButtonModule, MatCardModule, MatChipsModule, MatIconModule, MatProgressBarModule, MatTableModule,
    PersonCards, RouterLink,
  ],
  templateUrl: './person-page.html',
  styleUrl: './person-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonPage {
  /** Route parameter. */
  readonly id = input.required<string>();
  /** Query parameters. */
  readonly purpose = input<string>();
  readonly caseNumber = input<string>();

  private readonly api = inject(RegistryApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  protected readonly auth = inject(AuthStore);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected readonly immunizationColumns = ['date', 'vaccine', 'dose', 'lot', 'mvx', 'performer', 'status'];

  protected readonly choice = computed(() => viewChoiceOf(this.purpose(), this.caseNumber()));
  private readonly request = computed<ViewRequest | null>(
    () => {
      const choice = this.choice();
      return choice ? { id: this.id(), ...choice } : null;
    },
    { equal: (a, b) => a?.id === b?.id && a?.purpose === b?.purpose && a?.caseNumber === b?.caseNumber },
  );

  private readonly retries = new Subject<void>();
  protected readonly person = signal<PersonResponse | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly fullName = computed(() => {
    const p = this.person();
    return p ? [p.givenNames, p.familyName, p.suffix].filter(Boolean).join(' ') : '';
  });
  protected readonly addressLines = computed(() => {
    const a = this.person()?.address;
    if (!a) return [];
    const cityLine = [a.city, [a.state, a.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return [a.line, cityLine, a.county ? `${a.county} County` : null].filter((l): l is string => !!l);
  });
  protected readonly conflicts = computed(() =>
    Object.entries(this.person()?.registryConflict ?? {}).map(([field, values]) => ({
      field: fieldLabel(field),
      tessera: valueText(values.tessera),
      registry: valueText(values.registry),
    })),
  );
  protected readonly history = computed<HistoryEntry[]>(() => {
    const p = this.person();
    if (!p) return [];
    return p.history.map((entry) => {
      const shot = entry.recordType === 'immunization' ? p.immunizations.find((i) => i.id === entry.recordId) : undefined;
      const subject =
        entry.recordType === 'person'
          ? 'Person record'
          : shot
            ? `Immunization ${shot.vaccine} on ${shot.occurrenceDate}`
            : 'Immunization record';
      return { ...entry, subject, changes: changesOf(entry) };
    });
  });

  constructor() {
    merge(toObservable(this.request), this.retries.pipe(map(() => this.request())))
      .pipe(
        tap((request) => {
          this.person.set(null);
          this.error.set(null);
          this.loading.set(request !== null);
          // Outside the effect that feeds toObservable.
          if (!request) afterNextRender(() => this.askPurpose(), { injector: this.injector });
        }),
        switchMap((request) =>
          request
            ? this.api.person(request.id, request.purpose, request.caseNumber).pipe(
                catchError((err: unknown) => {
                  this.error.set(problemMessage(err));
                  return of(null);
                }),
              )
            : of(null),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((person) => {
        this.loading.set(false);
        this.person.set(person);
        if (person) afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
      });
  }

  protected purposeLabel(purpose: ViewPurpose): string {
    return purposeLabel(purpose);
  }

  protected sexLabel(sex: PersonResponse['sex']): string {
    return SEX_LABELS[sex];
  }

  protected aliasKind(kind: PersonAliasResponse['kind']): string {
    return ALIAS_KIND_LABELS[kind];
  }

  protected sourceLabel(source: RecordHistoryResponse['changeSource']): string {
    return SOURCE_LABELS[source];
  }

  protected flagLabel(flag: string): string {
    return fieldLabel(flag);
  }

  protected reload(): void {
    this.retries.next();
  }

  /**
   * Asks for the purpose (keeping what the URL already had), then reloads the page with it. Cancelling leaves the page
   * when there is no valid purpose yet.
   */
  protected askPurpose(): void {
    const purpose = this.purpose();
    askViewPurpose(this.dialog, { purpose: isViewPurpose(purpose) ? purpose : null, caseNumber: this.caseNumber() ?? null })
      .subscribe((choice) => {
        if (!choice) {
          if (this.choice()) return;
          void this.router.navigateByUrl(this.auth.can('person:search') ? '/registry' : '/');
          return;
        }
        void this.router.navigate([], { relativeTo: this.route, queryParams: viewQueryParams(choice), replaceUrl: true });
      });
  }
}
