import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterOutlet } from '@angular/router';
import { ThemeService } from '../core/theme.service';

/** The frame around the sign-in steps: a centred card. */
@Component({
  selector: 'tsr-sign-in-frame',
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './sign-in-frame.scss',
  template: `
    <main class="frame">
      <div class="top">
        <span class="brand">Tessera</span>
        <button
          mat-icon-button
          type="button"
          [attr.aria-label]="theme.dark() ? 'Switch to light theme' : 'Switch to dark theme'"
          (click)="theme.toggle()"
        >
          <mat-icon [svgIcon]="theme.dark() ? 'light-mode' : 'dark-mode'" />
        </button>
      </div>
      <mat-card appearance="outlined" class="card">
        <mat-card-content>
          <router-outlet />
        </mat-card-content>
      </mat-card>
      <p class="tsr-muted footer">Back office of the state health department. Authorised staff only; all activity is recorded.</p>
    </main>
  `,
})
export class SignInFrame {
  protected readonly theme = inject(ThemeService);
}
