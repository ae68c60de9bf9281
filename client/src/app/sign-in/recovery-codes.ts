import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { CopyButton } from '../shared/copy-button';

/** The single-use recovery codes, shown once, with an acknowledgement. */
@Component({
  selector: 'tsr-recovery-codes',
  imports: [CopyButton, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 8px 24px;
      margin: 16px 0;
      padding: 16px 16px 16px 40px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
    }
    .copy {
      display: flex;
      align-items: center;
      gap: 4px;
    }
  `,
  template: `
    <h2>Save your recovery codes</h2>
    <p class="tsr-notice" role="note">
      These codes are shown only this once. Each code signs you in a single time if you lose your phone. Store them
      somewhere safe, such as a password manager, and keep them apart from your phone.
    </p>
    <ol class="codes" data-testid="recovery-codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li><code>{{ code }}</code></li>
      }
    </ol>
    <div class="copy">
      <tsr-copy-button [text]="allCodes()" label="Copy all recovery codes" />
      <span class="tsr-muted">Copy all codes</span>
    </div>
    <div class="tsr-actions">
      <button mat-flat-button type="button" data-testid="recovery-codes-saved" (click)="acknowledged.emit()">
        I have saved these codes
      </button>
    </div>
  `,
})
export class RecoveryCodes {
  readonly codes = input.required<readonly string[]>();
  readonly acknowledged = output<void>();
  protected readonly allCodes = computed(() => this.codes().join('\n'));
}
