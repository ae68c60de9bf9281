import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

/** A plain message page; heading and text come from the route's `data` (bound as inputs). */
@Component({
  selector: 'tsr-message-page',
  imports: [MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tsr-page">
      <h1>{{ heading() }}</h1>
      <p>{{ message() }}</p>
      <a mat-flat-button routerLink="/">Go to the home page</a>
    </section>
  `,
})
export class MessagePage {
  readonly heading = input('Page not found');
  readonly message = input('There is nothing at this address.');
}
