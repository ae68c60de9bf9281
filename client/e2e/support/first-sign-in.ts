import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';

/**
 * A staff member's first sign-in in the browser: one-time password, new password, authenticator enrolment (the
 * secret read from the page, as a person would type it into an app), recovery codes acknowledged. Ends on the
 * signed-in console. One enrolment per account, so a single TOTP code each: no waiting for the next time step.
 */
export interface FirstSignInOptions {
  /** The TOTP code to enrol with (default: the current one). A test that signs in more than once uses fresh steps. */
  code?: (secret: string) => Promise<string>;
  /** Also check what a first sign-in must show: the enrolment QR and ten recovery codes. */
  verify?: boolean;
}

/** Returns the enrolled TOTP secret. */
export async function firstSignIn(page: Page, username: string, oneTimePassword: string, newPassword: string, opts: FirstSignInOptions = {}): Promise<string> {
  await page.goto('/');
  await page.waitForURL(/\/sign-in/);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(oneTimePassword);
  await page.getByTestId('sign-in-submit').click();

  await page.waitForURL(/\/sign-in\/password/);
  await page.getByTestId('current-password').fill(oneTimePassword);
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('confirm-password').fill(newPassword);
  await page.getByTestId('change-password-submit').click();

  await page.waitForURL(/\/sign-in\/enrol/);
  const secretText = page.getByTestId('mfa-secret').filter({ hasText: /[A-Z2-7]{4}/ });
  await secretText.waitFor();
  const secret = (await secretText.innerText()).replace(/\s+/g, '');
  if (opts.verify) {
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect(page.getByRole('img', { name: /QR code/i }).isVisible()).resolves.toBe(true);
  }
  await page.getByTestId('enrol-code').fill(opts.code ? await opts.code(secret) : authenticator.clone({ epoch: Date.now() }).generate(secret));
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('recovery-codes').waitFor();
  if (opts.verify) expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
  await page.getByTestId('recovery-codes-saved').click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return secret;
}
