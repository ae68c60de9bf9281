import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import type { Role, StaffResponse, StaffStatus, StaffWithPasswordResponse } from '@tessera/contracts';
import { AuthStore } from '../core/auth.store';
import { Can } from '../core/can.directive';
import { serverPage } from '../core/server-page';
import { RolesStore } from '../core/roles.store';
import { OneTimePasswordDialog, type OneTimePasswordDialogData } from './one-time-password-dialog';
import { openReasonDialog, type ReasonDialogData } from '../core/reason-dialog';
import { StaffApi, type StaffQuery, type StaffSortField, type StaffStatusAction } from './staff.api';
import { StaffCreateDialog } from './staff-create-dialog';
import { StaffRolesDialog } from './staff-roles-dialog';

const SORTABLE: readonly StaffSortField[] = ['username', 'displayName', 'createdAt', 'status', 'lastSignInAt'];
const DEFAULT_QUERY: StaffQuery = { q: '', status: '', role: '', page: 0, pageSize: 25, sort: 'username', order: 'asc' };

/** Staff administration: the server-paged, sorted and filtered list of accounts, with per-row actions. */
@Component({
  selector: 'tsr-staff-list',
  imports: [
    Can, DatePipe, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatMenuModule,
    MatPaginatorModule, MatProgressBarModule, MatSelectModule, MatSortModule, MatTableModule, ReactiveFormsModule,
  ],
  templateUrl: './staff-list.html',
  styleUrl: './staff-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffList {
  private readonly api = inject(StaffApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly auth = inject(AuthStore);
  protected readonly rolesStore = inject(RolesStore);

  protected readonly columns = ['username', 'displayName', 'email', 'roles', 'status', 'lastSignInAt', 'actions'];
  protected readonly pageSizes = [10, 25, 50, 100];
  protected readonly query = signal<StaffQuery>({ ...DEFAULT_QUERY });
  private readonly page = serverPage(this.query, (q) => this.api.list(q));
  protected readonly rows = this.page.rows;
  protected readonly total = this.page.total;
  protected readonly loading = this.page.loading;
  protected readonly error = this.page.error;
  /** Whether the user may do anything in a row's menu. */
  protected readonly anyAction = computed(
    () =>
      this.auth.can('staff:update-roles') || this.auth.can('staff:disable') || this.auth.can('staff:reset-mfa') ||
      this.auth.can('staff:reset-password'),
  );

  protected readonly filters = inject(NonNullableFormBuilder).group({
    q: [''],
    status: ['' as StaffStatus | ''],
    role: ['' as Role | ''],
  });

  constructor() {
    this.rolesStore.ensureLoaded();

    this.filters.valueChanges
      .pipe(
        debounceTime(300),
        map(() => this.filters.getRawValue()),
        distinctUntilChanged((a, b) => a.q.trim() === b.q.trim() && a.status === b.status && a.role === b.role),
        takeUntilDestroyed(),
      )
      .subscribe(({ q, status, role }) => this.query.update((cur) => ({ ...cur, q: q.trim(), status, role, page: 0 })));

  }

  protected reload(): void {
    this.query.update((q) => ({ ...q }));
  }

  protected onPage(event: PageEvent): void {
    this.query.update((q) => ({ ...q, page: event.pageIndex, pageSize: event.pageSize }));
  }

  protected onSort(sort: Sort): void {
    const field = SORTABLE.find((f) => f === sort.active) ?? DEFAULT_QUERY.sort;
    const order = sort.direction === '' ? DEFAULT_QUERY.order : sort.direction;
    this.query.update((q) => ({ ...q, sort: field, order, page: 0 }));
  }

  protected create(): void {
    this.dialog
      .open<StaffCreateDialog, void, StaffWithPasswordResponse>(StaffCreateDialog, { width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        this.showPassword(created, false);
        this.reload();
      });
  }

  protected editRoles(staff: StaffResponse): void {
    this.dialog
      .open<StaffRolesDialog, StaffResponse, StaffResponse>(StaffRolesDialog, { data: staff, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.notify(`Roles of ${updated.displayName} updated.`);
        this.reload();
      });
  }

  protected act(staff: StaffResponse, action: StaffStatusAction): void {
    const texts: Record<StaffStatusAction, Pick<ReasonDialogData<unknown>, 'title' | 'description' | 'confirmLabel'>> = {
      disable: {
        title: `Disable ${staff.displayName}?`,
        description: `${staff.username} will be signed out everywhere and cannot sign in until the account is enabled again.`,
        confirmLabel: 'Disable account',
      },
      enable: {
        title: `Enable ${staff.displayName}?`,
        description: `${staff.username} will be able to sign in again.`,
        confirmLabel: 'Enable account',
      },
      'reset-mfa': {
        title: `Reset the authenticator of ${staff.displayName}?`,
        description: `${staff.username}'s authenticator and recovery codes stop working; they set up a new authenticator at the next sign-in.`,
        confirmLabel: 'Reset authenticator',
      },
    };
    const done: Record<StaffStatusAction, string> = {
      disable: 'disabled', enable: 'enabled', 'reset-mfa': 'authenticator reset',
    };
    this.askReason<StaffResponse>({
      ...texts[action],
      destructive: action !== 'enable',
      submit: (reason) => this.api.act(staff.id, action, reason),
    }).subscribe((updated) => {
      if (!updated) return;
      this.notify(`${updated.displayName}: ${done[action]}.`);
      this.reload();
    });
  }

  protected resetPassword(staff: StaffResponse): void {
    this.askReason<StaffWithPasswordResponse>({
      title: `Reset the password of ${staff.displayName}?`,
      description: `${staff.username}'s current password stops working and a one-time password is issued, to be changed at the next sign-in.`,
      confirmLabel: 'Reset password',
      destructive: true,
      submit: (reason) => this.api.resetPassword(staff.id, reason),
    }).subscribe((result) => {
      if (!result) return;
      this.showPassword(result, true);
      this.reload();
    });
  }

  private askReason<T>(data: ReasonDialogData<T>) {
    return openReasonDialog(this.dialog, data);
  }

  private showPassword(result: StaffWithPasswordResponse, reset: boolean): void {
    this.dialog.open<OneTimePasswordDialog, OneTimePasswordDialogData>(OneTimePasswordDialog, {
      data: { ...result, reset },
      width: '520px',
      maxWidth: '95vw',
      disableClose: true,
    });
  }

  private notify(message: string): void {
    this.snackBar.open(message, 'Close');
  }
}
