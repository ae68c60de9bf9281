import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { AuditEventResponse, AuditSortField } from '@tessera/contracts';

const SORTABLE: readonly AuditSortField[] = ['seq', 'occurredAt', 'action', 'actor', 'outcome'];

export interface AuditSort {
  sort: AuditSortField;
  order: 'asc' | 'desc';
}

/** One page of audit entries; a row expands to show its details. Paging and sorting are the server's. */
@Component({
  selector: 'tsr-audit-table',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatPaginatorModule, MatSortModule, MatTableModule],
  templateUrl: './audit-table.html',
  styleUrl: './audit-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditTable {
  readonly rows = input.required<readonly AuditEventResponse[]>();
  readonly total = input.required<number>();
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly sort = input.required<AuditSortField>();
  readonly order = input.required<'asc' | 'desc'>();
  readonly loading = input(false);
  readonly pageChange = output<{ page: number; pageSize: number }>();
  readonly sortChange = output<AuditSort>();

  protected readonly columns = ['expand', 'seq', 'occurredAt', 'actor', 'action', 'target', 'outcome', 'reason'];
  protected readonly pageSizes = [25, 50, 100, 250];
  /** The seq of the expanded entry. */
  protected readonly expanded = signal<string | null>(null);

  protected toggle(entry: AuditEventResponse): void {
    this.expanded.update((seq) => (seq === entry.seq ? null : entry.seq));
  }

  protected isExpanded(entry: AuditEventResponse): boolean {
    return this.expanded() === entry.seq;
  }

  /** Everything about an entry beyond the columns, as indented JSON text. */
  protected detailsText(entry: AuditEventResponse): string {
    const { details, actorRoles, actorId, requestId, clientAddress, userAgent, prevHash, hash } = entry;
    return JSON.stringify({ details, actorId, actorRoles, requestId, clientAddress, userAgent, prevHash, hash }, null, 2);
  }

  protected onPage(event: PageEvent): void {
    this.expanded.set(null);
    this.pageChange.emit({ page: event.pageIndex, pageSize: event.pageSize });
  }

  protected onSort(sort: Sort): void {
    const field = SORTABLE.find((f) => f === sort.active) ?? 'seq';
    this.expanded.set(null);
    this.sortChange.emit({ sort: field, order: sort.direction === 'asc' ? 'asc' : 'desc' });
  }
}
