import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';

const STORAGE_KEY = 'tessera.theme';
const DARK_CLASS = 'dark-theme';

/** Light or dark theme: a class on <html>, remembered in localStorage (first visit follows the system setting). */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  readonly dark = signal(this.initial());

  constructor() {
    effect(() => {
      const dark = this.dark();
      this.document.documentElement.classList.toggle(DARK_CLASS, dark);
      try {
        localStorage.setItem(STORAGE_KEY, dark ? 'dark' : 'light');
      } catch {
        // Storage may be unavailable (private mode, policy); the choice then lasts for this page only.
      }
    });
  }

  toggle(): void {
    this.dark.update((dark) => !dark);
  }

  private initial(): boolean {
    try {
      const saved = localStorage.getItem(STORAGE_KEY);
      if (saved === 'dark' || saved === 'light') return saved === 'dark';
    } catch {
      // fall through to the system preference
    }
    return this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  }
}
