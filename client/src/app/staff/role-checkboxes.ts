import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatCheckboxModule, type MatCheckboxChange } from '@angular/material/checkbox';
import type { Role, RoleResponse } from '@tessera/contracts';

/** A group of checkboxes, one per role of the catalogue. */
@Component({
  selector: 'tsr-role-checkboxes',
  imports: [MatCheckboxModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    fieldset {
      border: 0;
      margin: 0 0 8px;
      padding: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    .option {
      display: flex;
      flex-direction: column;
    }
    .permissions {
      margin: -8px 0 4px 48px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .invalid {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  template: `
    <fieldset [attr.aria-describedby]="showError() ? 'tsr-roles-error' : null">
      <legend>{{ legend() }}</legend>
      @for (role of roles(); track role.role) {
        <div class="option">
          <mat-checkbox
            [checked]="selected().includes(role.role)"
            [disabled]="disabled()"
            [attr.data-testid]="'role-' + role.role"
            (change)="toggle(role.role, $event)"
          >{{ role.label }}</mat-checkbox>
          <span class="permissions">{{ role.permissions.join(', ') }}</span>
        </div>
      } @empty {
        <p class="tsr-muted">Loading the roles…</p>
      }
      @if (showError()) {
        <p id="tsr-roles-error" class="invalid" role="alert">Choose at least one role.</p>
      }
    </fieldset>
  `,
})
export class RoleCheckboxes {
  readonly roles = input.required<readonly RoleResponse[]>();
  readonly selected = input.required<readonly Role[]>();
  readonly legend = input('Roles');
  readonly disabled = input(false);
  /** Show the "choose at least one" message (when the user tried to submit none). */
  readonly showError = input(false);
  readonly selectedChange = output<Role[]>();

  protected toggle(role: Role, event: MatCheckboxChange): void {
    const others = this.selected().filter((r) => r !== role);
    // Keep the catalogue's order.
    const next = event.checked ? [...others, role] : others;
    this.selectedChange.emit(this.roles().map((r) => r.role).filter((r) => next.includes(r)));
  }
}
