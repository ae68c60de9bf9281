import {
  ChangeDetectionStrategy, Component, type ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Subject, catchError, of, switchMap, tap, type Observable } from 'rxjs';
import type { CardInspectionResponse } from '@tessera/contracts';
import { problemMessage } from '../core/problem';
import { InspectionResult } from './inspection-result';
import { INSPECTION_MAX_BYTES, INSPECTION_MAX_TEXT, InspectorApi } from './inspector.api';

/** "4.2 MB" and the like (binary units, as the server counts the limit). */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/**
 * The card inspector, for every staff member: paste a `shc:/` text, a JWS or a `.smart-health-card` file's content,
 * or choose a QR image or a file; the server decodes and verifies it and lists every rule it breaks. This is what a
 * help-desk agent uses when a resident says "the verifier app rejects my card".
 */
@Component({
  selector: 'tsr-inspector-page',
  imports: [
    InspectionResult, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule,
    ReactiveFormsModule,
  ],
  templateUrl: './inspector-page.html',
  styleUrl: './inspector-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InspectorPage {
  private readonly api = inject(InspectorApi);
  private readonly injector = inject(Injector);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');
  private readonly resultHeading = viewChild<ElementRef<HTMLElement>>('resultHeading');

  protected readonly accept = 'image/png,image/jpeg,.png,.jpg,.jpeg,.smart-health-card,.json,.txt';
  protected readonly maxSize = sizeText(INSPECTION_MAX_BYTES);
  protected readonly form = inject(NonNullableFormBuilder).group({
    text: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(INSPECTION_MAX_TEXT)]],
  });

  private readonly requests = new Subject<{ label: string; call: () => Observable<CardInspectionResponse> }>();
  protected readonly result = signal<CardInspectionResponse | null>(null);
  /** What the shown result is about ("the pasted text", "qr.png"). */
  protected readonly subject = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The verdict in words, for the live region. */
  protected readonly announcement = computed(() => {
    if (this.pending()) return 'Inspecting…';
    const error = this.error();
    if (error) return `The card could not be inspected. ${error}`;
    const r = this.result();
    if (!r) return '';
    return r.valid
      ? `Valid card${r.ourIssuer ? ', signed by this issuer' : ''}.`
      : `Invalid card: ${r.findings.filter((f) => f.severity === 'error').length} problems found.`;
  });

  constructor() {
    // A newer inspection replaces an older one still running.
    this.requests
      .pipe(
        tap(({ label }) => {
          this.pending.set(true);
          this.error.set(null);
          this.result.set(null);
          this.subject.set(label);
        }),
        switchMap(({ call }) =>
          call().pipe(
            catchError((err: unknown) => {
              this.error.set(problemMessage(err));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.pending.set(false);
        this.result.set(result);
        // Brings the result into view for keyboard and screen-magnifier users (the live region says the verdict).
        if (result) afterNextRender(() => this.resultHeading()?.nativeElement.focus(), { injector: this.injector });
      });
  }

  protected inspectText(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const text = this.form.getRawValue().text.trim();
    this.requests.next({ label: 'the pasted text', call: () => this.api.inspectText(text) });
  }

  protected choose(): void {
    this.fileInput().nativeElement.click();
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.item(0) ?? null;
    // Cleared so that choosing the same file again still fires a change.
    input.value = '';
    if (!file) return;
    if (file.size > INSPECTION_MAX_BYTES) {
      this.result.set(null);
      this.subject.set(file.name);
      this.error.set(`${file.name} is ${sizeText(file.size)}; the inspector accepts files up to ${this.maxSize}.`);
      return;
    }
    if (file.size === 0) {
      this.result.set(null);
      this.subject.set(file.name);
      this.error.set(`${file.name} is empty.`);
      return;
    }
    this.requests.next({ label: file.name, call: () => this.api.inspectFile(file) });
  }

  protected clear(): void {
    this.form.reset();
    this.result.set(null);
    this.error.set(null);
    this.subject.set(null);
  }
}
