import { DatePipe } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { exhaustMap, retry, takeWhile, timer, type Subscription } from 'rxjs';
import type { RegistryImportResponse } from '@tessera/contracts';
import { problemMessage } from '../core/problem';
import { RegistryApi } from './registry.api';

/** How often a running import is asked for its progress. */
const POLL_MS = 1000;

const STATUS_LABELS: Readonly<Record<RegistryImportResponse['status'], string>> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

/** "1.4 MB" and the like. */
function byteText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'GB'}`;
}

/**
 * Registry imports: upload a registry extract (NDJSON, JSON or HL7 VXU), follow the upload and the processing, read
 * the report; below, the recent runs.
 */
@Component({
  selector: 'tsr-imports-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule],
  templateUrl: './imports-page.html',
  styleUrl: './imports-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportsPage {
  private readonly api = inject(RegistryApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');
  private readonly reportHeading = viewChild<ElementRef<HTMLElement>>('reportHeading');

  protected readonly accept = '.ndjson,.json,.hl7,.txt,.vxu';
  protected readonly runColumns = ['startedAt', 'filename', 'status', 'counts', 'finishedAt', 'actions'];
  protected readonly rejectionColumns = ['position', 'reason'];

  /** The chosen file, not yet uploaded. */
  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  /** Upload progress 0..100; null when the browser does not know the total. */
  protected readonly uploadPercent = signal<number | null>(null);
  /** The run being followed or shown. */
  protected readonly run = signal<RegistryImportResponse | null>(null);
  protected readonly error = signal<string | null>(null);
  /** Following a running import failed (the import itself goes on). */
  protected readonly pollError = signal<string | null>(null);

  protected readonly runs = signal<RegistryImportResponse[]>([]);
  protected readonly runsLoading = signal(false);
  protected readonly runsError = signal<string | null>(null);

  protected readonly processing = computed(() => this.run()?.status === 'running');
  protected readonly busy = computed(() => this.uploading() || this.processing());
  /** Processing progress 0..100 from the bytes read; null when the size is unknown. */
  protected readonly processPercent = computed(() => {
    const run = this.run();
    if (!run?.bytesTotal) return null;
    return Math.min(100, Math.round((run.bytesRead / run.bytesTotal) * 100));
  });
  protected readonly finished = computed(() => {
    const run = this.run();
    return run && run.status !== 'running' ? run : null;
  });
  /** The state in words, for the live region. */
  protected readonly status = computed(() => {
    if (this.uploading()) return 'Uploading the file…';
    const run = this.run();
    if (!run) return '';
    if (run.status === 'running') return `Processing ${run.filename}…`;
    if (run.status === 'failed') return `The import of ${run.filename} failed.`;
    return (
      `Import of ${run.filename} completed: ${run.inserted} inserted, ${run.updated} updated, ${run.unchanged} unchanged, ` +
      `${run.rejected} rejected, ${run.conflicts} conflicts.`
    );
  });

  private polling: Subscription | null = null;

  constructor() {
    this.loadRuns();
  }

  protected statusLabel(status: RegistryImportResponse['status']): string {
    return STATUS_LABELS[status];
  }

  protected bytes(n: number): string {
    return byteText(n);
  }

  protected choose(): void {
    this.fileInput().nativeElement.click();
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.item(0) ?? null;
    // Clear the input so that choosing the same file again still fires a change.
    input.value = '';
    if (!file) return;
    this.file.set(file);
    this.error.set(null);
  }

  protected clearFile(): void {
    this.file.set(null);
  }

  protected start(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.error.set(null);
    this.pollError.set(null);
    this.run.set(null);
    this.uploading.set(true);
    this.uploadPercent.set(0);
    this.api
      .upload(file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            this.uploadPercent.set(event.total ? Math.round((event.loaded / event.total) * 100) : null);
          } else if (event.type === HttpEventType.Response) {
            this.uploading.set(false);
            this.file.set(null);
            if (event.body) this.follow(event.body);
            else this.error.set('The server accepted the file but did not say which import run it started.');
          }
        },
        error: (err: unknown) => {
          this.uploading.set(false);
          this.error.set(problemMessage(err));
        },
      });
  }

  /** Shows a run of the list (following it while it is still running). */
  protected show(run: RegistryImportResponse): void {
    this.error.set(null);
    this.api
      .importRun(run.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (fresh) => this.follow(fresh),
        error: (err: unknown) => this.error.set(problemMessage(err)),
      });
  }

  /** Resumes following the current run after a polling failure. */
  protected resume(): void {
    const run = this.run();
    if (run) this.follow(run);
  }

  protected loadRuns(): void {
    this.runsLoading.set(true);
    this.runsError.set(null);
    this.api
      .importRuns()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (runs) => {
          this.runsLoading.set(false);
          this.runs.set(runs);
        },
        error: (err: unknown) => {
          this.runsLoading.set(false);
          this.runsError.set(problemMessage(err));
        },
      });
  }

  /** Shows a run; while it is running, asks for its progress every second until it has completed or failed. */
  private follow(run: RegistryImportResponse): void {
    this.polling?.unsubscribe();
    this.pollError.set(null);
    this.run.set(run);
    if (run.status !== 'running') {
      this.finish();
      return;
    }
    this.loadRuns();
    this.polling = timer(POLL_MS, POLL_MS)
      .pipe(
        exhaustMap(() => this.api.importRun(run.id).pipe(retry({ count: 3, delay: POLL_MS }))),
        takeWhile((current) => current.status === 'running', true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (current) => {
          this.run.set(current);
          if (current.status !== 'running') this.finish();
        },
        error: (err: unknown) => this.pollError.set(problemMessage(err)),
      });
  }

  /** The run is over: refresh the list and move to the report. */
  private finish(): void {
    this.loadRuns();
    afterNextRender(() => this.reportHeading()?.nativeElement.focus(), { injector: this.injector });
  }
}
