import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, type ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import type { Permission } from '@tessera/contracts';
import { AuthFlow } from '../auth-flow';
import { AuthStore } from '../auth.store';
import { ThemeService } from '../theme.service';

interface NavEntry {
  path: string;
  label: string;
  icon: string;
  /** Shown only with this permission; none means everyone signed in. */
  permission?: Permission;
  exact?: boolean;
}

const NAV: readonly NavEntry[] = [
  { path: '/', label: 'Home', icon: 'home', exact: true },
  { path: '/staff', label: 'Staff', icon: 'people', permission: 'staff:read' },
  // Exact: "/registry" must not light up on "/registry/imports" as well.
  { path: '/registry', label: 'Find a person', icon: 'person-search', permission: 'person:search', exact: true },
  { path: '/registry/imports', label: 'Registry imports', icon: 'upload', permission: 'registry:import' },
  { path: '/inspector', label: 'Card inspector', icon: 'qr-code-scanner', permission: 'card:inspect' },
  { path: '/keys', label: 'Issuer keys', icon: 'key', permission: 'issuer-key:read' },
  { path: '/audit', label: 'Audit log', icon: 'history', permission: 'audit:read' },
  { path: '/account/sessions', label: 'My sessions', icon: 'devices', permission: 'session:manage-own' },
];

/** The signed-in frame: toolbar, navigation drawer, and the routed page. */
@Component({
  selector: 'tsr-shell',
  imports: [
    MatButtonModule, MatIconModule, MatListModule, MatSidenavModule, MatToolbarModule, MatTooltipModule, RouterLink,
    RouterLinkActive, RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly flow = inject(AuthFlow);
  protected readonly theme = inject(ThemeService);

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly me = this.auth.me;
  protected readonly nav = computed(() => NAV.filter((e) => !e.permission || this.auth.can(e.permission)));
  protected readonly narrow = toSignal(
    inject(BreakpointObserver).observe('(max-width: 959.98px)').pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Drawer state on narrow screens (on wide screens it is always open). */
  protected readonly drawerOpen = signal(false);
  protected readonly signingOut = signal(false);

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }

  protected navigated(): void {
    if (this.narrow()) this.drawerOpen.set(false);
  }

  protected skipToMain(): void {
    this.main().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    await this.flow.signOut();
    this.signingOut.set(false);
  }
}
