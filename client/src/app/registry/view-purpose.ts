import type { MatDialog } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import type { ViewPurpose } from '@tessera/contracts';
import { VIEW_PURPOSES, VIEW_PURPOSE_LABELS } from '@tessera/contracts/vocabulary';
import { ViewPurposeDialog, type ViewPurposeDialogData } from './view-purpose-dialog';

/** Why a record is opened, as it travels in the URL (`?purpose=…&caseNumber=…`). */
export interface ViewChoice {
  purpose: ViewPurpose;
  caseNumber: string | null;
}

/** The same rule as the server's PersonViewDto. */
export const CASE_NUMBER_PATTERN = /^[A-Za-z0-9-]{3,40}$/;

export const VIEW_PURPOSE_OPTIONS: readonly { value: ViewPurpose; label: string }[] = VIEW_PURPOSES.map((value) => ({
  value,
  label: VIEW_PURPOSE_LABELS[value],
}));

export function isViewPurpose(value: unknown): value is ViewPurpose {
  return typeof value === 'string' && (VIEW_PURPOSES as readonly string[]).includes(value);
}

export function needsCaseNumber(purpose: ViewPurpose | null | undefined): boolean {
  return purpose === 'support_case' || purpose === 'correction';
}

export function purposeLabel(purpose: ViewPurpose): string {
  return VIEW_PURPOSE_LABELS[purpose];
}

/** A valid choice from URL query parameters, or null when the purpose dialog has to ask. */
export function viewChoiceOf(purpose: unknown, caseNumber: unknown): ViewChoice | null {
  if (!isViewPurpose(purpose)) return null;
  const cn = typeof caseNumber === 'string' && caseNumber !== '' ? caseNumber : null;
  if (cn !== null && !CASE_NUMBER_PATTERN.test(cn)) return null;
  if (needsCaseNumber(purpose) && cn === null) return null;
  return { purpose, caseNumber: cn };
}

/** The query parameters that carry a choice. */
export function viewQueryParams(choice: ViewChoice): Record<string, string> {
  return choice.caseNumber ? { purpose: choice.purpose, caseNumber: choice.caseNumber } : { purpose: choice.purpose };
}

/** Asks why a record is opened; emits the choice, or undefined when cancelled. */
export function askViewPurpose(dialog: MatDialog, data: ViewPurposeDialogData): Observable<ViewChoice | undefined> {
  return dialog
    .open<ViewPurposeDialog, ViewPurposeDialogData, ViewChoice>(ViewPurposeDialog, { data, width: '520px', maxWidth: '95vw' })
    .afterClosed();
}
