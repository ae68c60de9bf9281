import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder, ReactiveFormsModule, type AbstractControl, type ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { AuditOutcome } from '@tessera/contracts';
import type { AuditFilters } from './audit.api';
import { AUDIT_ACTION_OPTIONS, AUDIT_OUTCOME_OPTIONS, isAuditAction } from './audit-vocabulary';

function knownAction(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  return value === '' || isAuditAction(value) ? null : { unknownAction: true };
}

function fromBeforeTo(group: AbstractControl): ValidationErrors | null {
  const from = group.get('from')?.value as string | undefined;
  const to = group.get('to')?.value as string | undefined;
  return from && to && from >= to ? { range: true } : null;
}

/** `2024-05-01T13:45` (local, as a datetime-local input holds it) to ISO 8601 UTC, and back. */
function localToIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isoToLocal(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The audit search form; emits the filters when applied. */
@Component({
  selector: 'tsr-audit-filters-form',
  imports: [
    MatAutocompleteModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule,
  ],
  templateUrl: './audit-filters-form.html',
  styleUrl: './audit-filters-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditFiltersForm {
  /** The filters currently applied (the form follows them). */
  readonly value = input.required<AuditFilters>();
  readonly apply = output<AuditFilters>();

  protected readonly outcomes = AUDIT_OUTCOME_OPTIONS;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      actor: [''],
      action: ['', [knownAction]],
      outcome: ['' as AuditOutcome | ''],
      targetType: [''],
      targetId: [''],
      from: [''],
      to: [''],
    },
    { validators: [fromBeforeTo] },
  );
  private readonly actionText = toSignal(this.form.controls.action.valueChanges, { initialValue: '' });
  protected readonly actionOptions = computed(() => {
    const text = this.actionText().trim().toLowerCase();
    return AUDIT_ACTION_OPTIONS.filter((a) => a.includes(text));
  });

  constructor() {
    effect(() => {
      const v = this.value();
      this.form.reset({
        actor: v.actor ?? '',
        action: v.action ?? '',
        outcome: v.outcome ?? '',
        targetType: v.targetType ?? '',
        targetId: v.targetId ?? '',
        from: isoToLocal(v.from),
        to: isoToLocal(v.to),
      });
    });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const action = v.action.trim();
    const filters: AuditFilters = {};
    if (v.actor.trim()) filters.actor = v.actor.trim();
    if (isAuditAction(action)) filters.action = action;
    if (v.outcome) filters.outcome = v.outcome;
    if (v.targetType.trim()) filters.targetType = v.targetType.trim();
    if (v.targetId.trim()) filters.targetId = v.targetId.trim();
    const from = localToIso(v.from);
    const to = localToIso(v.to);
    if (from) filters.from = from;
    if (to) filters.to = to;
    this.apply.emit(filters);
  }

  protected clear(): void {
    this.apply.emit({});
  }
}
