import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CopyButton } from '../shared/copy-button';

/** An authenticator secret, readable in groups of four, with a copy button (copies it without spaces). */
@Component({
  selector: 'tsr-secret-key',
  imports: [CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    code {
      font-size: 1.1em;
      letter-spacing: 0.05em;
      word-spacing: 0.3em;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <code data-testid="mfa-secret">{{ grouped() }}</code>
    <tsr-copy-button [text]="secret()" label="Copy the secret key" />
  `,
})
export class SecretKey {
  readonly secret = input.required<string>();
  protected readonly grouped = computed(() => (this.secret().match(/.{1,4}/g) ?? []).join(' '));
}
