import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import type { CardInspectionResponse } from '@tessera/contracts';
import { KeyStateChip, shortKid } from '../keys/key-state-chip';

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  'qr-numeric': 'shc:/ QR text',
  jws: 'JWS',
  file: '.smart-health-card file',
  image: 'QR image',
};

/** One inspection, presented: verdict, issuer and key, signature and revocation, patient, doses, findings. */
@Component({
  selector: 'tsr-inspection-result',
  imports: [DatePipe, KeyStateChip, MatIconModule, MatTableModule],
  templateUrl: './inspection-result.html',
  styleUrl: './inspection-result.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InspectionResult {
  readonly result = input.required<CardInspectionResponse>();

  protected readonly doseColumns = ['occurrenceDate', 'vaccine', 'cvx', 'performer', 'lotNumber'];
  protected readonly formatLabel = computed(() => FORMAT_LABELS[this.result().format] ?? this.result().format);
  protected readonly errors = computed(() => this.result().findings.filter((f) => f.severity === 'error').length);
  protected readonly warnings = computed(() => this.result().findings.filter((f) => f.severity === 'warning').length);
  protected readonly verdictDetail = computed(() => {
    const r = this.result();
    if (!r.valid) {
      const n = this.errors();
      return n === 0 ? 'The card does not pass verification.' : `${n} ${n === 1 ? 'problem' : 'problems'} found — see the findings below.`;
    }
    const w = this.warnings();
    const keySet = r.ourIssuer ? 'our published key set' : 'its issuer\u2019s key set';
    return `The signature verifies against ${keySet}${w > 0 ? `, with ${w} ${w === 1 ? 'warning' : 'warnings'}` : ''}.`;
  });

  protected shortKid(kid: string): string {
    return shortKid(kid);
  }

  protected yesNo(value: boolean | null, yes: string, no: string, unknown: string): string {
    return value === null ? unknown : value ? yes : no;
  }
}
