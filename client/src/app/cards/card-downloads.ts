import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { cardDownloadUrl, type CardDownload } from './cards.api';

interface Link {
  what: CardDownload;
  label: string;
  /** Accessible name: the visible label plus what it is for. */
  description: string;
  /** Suggested file name; no personal data in it (downloads folders are shared and synced). */
  filename: string;
}

/** The downloads of one card: the `.smart-health-card` file, the QR as PNG and SVG, the printable PDF card. */
@Component({
  selector: 'tsr-card-downloads',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
    }
  `,
  template: `
    @for (link of links(); track link.what) {
      <a mat-stroked-button [href]="link.href" [attr.download]="link.filename" [attr.aria-label]="link.description"
        [attr.data-testid]="'card-download-' + link.what">
        <mat-icon svgIcon="download" />
        {{ link.label }}
      </a>
    }
  `,
})
export class CardDownloads {
  readonly cardId = input.required<string>();

  protected readonly links = computed(() => {
    const id = this.cardId();
    const base = `vaccination-card-${id.slice(0, 8)}`;
    const links: Link[] = [
      { what: 'file', label: 'File', description: 'Download the .smart-health-card file', filename: `${base}.smart-health-card` },
      { what: 'qr.png', label: 'PNG', description: 'Download the QR code as PNG', filename: `${base}-qr.png` },
      { what: 'qr.svg', label: 'SVG', description: 'Download the QR code as SVG', filename: `${base}-qr.svg` },
      { what: 'card.pdf', label: 'PDF', description: 'Download the printable PDF card', filename: `${base}.pdf` },
    ];
    return links.map((l) => ({ ...l, href: cardDownloadUrl(id, l.what) }));
  });
}
