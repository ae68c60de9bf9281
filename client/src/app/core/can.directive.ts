import { Directive, TemplateRef, ViewContainerRef, effect, inject, input } from '@angular/core';
import type { Permission } from '@tessera/contracts';
import { AuthStore } from './auth.store';

/**
 * Renders its content only when the signed-in user holds the permission: `<button *tsrCan="'staff:create'">`.
 * Hiding is a convenience; the server checks every request regardless.
 */
@Directive({ selector: '[tsrCan]' })
export class Can {
  readonly tsrCan = input.required<Permission>();

  private readonly template = inject(TemplateRef<unknown>);
  private readonly container = inject(ViewContainerRef);
  private readonly store = inject(AuthStore);
  private shown = false;

  constructor() {
    effect(() => {
      const allowed = this.store.can(this.tsrCan());
      if (allowed && !this.shown) this.container.createEmbeddedView(this.template);
      if (!allowed && this.shown) this.container.clear();
      this.shown = allowed;
    });
  }
}
