import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AuditVerifyResponse, SignedHeadResponse } from '@tessera/contracts';
import { AuthStore } from '../core/auth.store';
import { problemMessage } from '../core/problem';
import { serverPage } from '../core/server-page';
import { AuditApi, type AuditFilters, type AuditQuery } from './audit.api';
import { AuditFiltersForm } from './audit-filters-form';
import { AuditTable, type AuditSort } from './audit-table';
import { AuditVerifyPanel } from './audit-verify-panel';

/** The audit log: search, browse, export, verify. */
@Component({
  selector: 'tsr-audit-page',
  imports: [AuditFiltersForm, AuditTable, AuditVerifyPanel, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly auth = inject(AuthStore);

  protected readonly query = signal<AuditQuery>({ filters: {}, page: 0, pageSize: 50, sort: 'seq', order: 'desc' });
  private readonly page = serverPage(this.query, (q) => this.api.list(q));
  protected readonly rows = this.page.rows;
  protected readonly total = this.page.total;
  protected readonly loading = this.page.loading;
  protected readonly error = this.page.error;

  protected readonly csvHref = computed(() => this.api.exportUrl(this.query().filters, 'csv'));
  protected readonly ndjsonHref = computed(() => this.api.exportUrl(this.query().filters, 'ndjson'));

  protected readonly verifying = signal(false);
  protected readonly signing = signal(false);
  protected readonly verifyResult = signal<AuditVerifyResponse | null>(null);
  protected readonly signedHead = signal<SignedHeadResponse | null>(null);
  protected readonly integrityError = signal<string | null>(null);

  protected applyFilters(filters: AuditFilters): void {
    this.query.update((q) => ({ ...q, filters, page: 0 }));
  }

  protected changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.query.update((q) => ({ ...q, page, pageSize }));
  }

  protected changeSort({ sort, order }: AuditSort): void {
    this.query.update((q) => ({ ...q, sort, order, page: 0 }));
  }

  protected reload(): void {
    this.query.update((q) => ({ ...q }));
  }

  protected verify(): void {
    this.verifying.set(true);
    this.verifyResult.set(null);
    this.integrityError.set(null);
    this.api
      .verify()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.verifying.set(false);
          this.verifyResult.set(result);
        },
        error: (err: unknown) => {
          this.verifying.set(false);
          this.integrityError.set(problemMessage(err));
        },
      });
  }

  protected signHead(): void {
    this.signing.set(true);
    this.signedHead.set(null);
    this.integrityError.set(null);
    this.api
      .signHead()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (head) => {
          this.signing.set(false);
          this.signedHead.set(head);
          this.reload();
        },
        error: (err: unknown) => {
          this.signing.set(false);
          this.integrityError.set(problemMessage(err));
        },
      });
  }
}
