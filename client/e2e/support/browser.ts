import { chromium, type Browser, type Page } from 'playwright-core';
import { STATE_VAR, type E2eState } from './server';

export function e2eState(): E2eState {
  const raw = process.env[STATE_VAR];
  if (!raw) throw new Error('e2e state missing: run through client/e2e/jest.config.cjs');
  return JSON.parse(raw) as E2eState;
}

/** Debian's Chromium (apt package `chromium`), never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors (CSP violations included) so a test can require there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
