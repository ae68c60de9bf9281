import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

/** An icon button that copies a text to the clipboard and announces the result to screen readers. */
@Component({
  selector: 'tsr-copy-button',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-icon-button type="button" [attr.aria-label]="label()" [matTooltip]="label()" (click)="copy()">
      <mat-icon svgIcon="copy" />
    </button>
  `,
})
export class CopyButton {
  /** The text to copy. */
  readonly text = input.required<string>();
  /** Accessible name, e.g. "Copy the secret". */
  readonly label = input('Copy to clipboard');

  private readonly clipboard = inject(Clipboard);
  private readonly announcer = inject(LiveAnnouncer);

  copy(): void {
    const ok = this.clipboard.copy(this.text());
    void this.announcer.announce(ok ? 'Copied to the clipboard.' : 'Copying failed: select the text and copy it by hand.', 'polite');
  }
}
