import { authenticator } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { e2eState, launchBrowser, watchConsole } from './support/browser';
import { firstSignIn as firstSignInAs } from './support/first-sign-in';

/**
 * The first day, as a person would do it in a real browser: the first administrator signs in with the one-time
 * password printed at start, changes it, enrols an authenticator, creates an auditor; the auditor does the same
 * first sign-in, sees those events in the audit log and verifies the chain.
 */
describe('first sign-in to audit verification', () => {
  const state = e2eState();
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    // keep a picture of the last screen for whoever reads a failure
    await page?.screenshot({ path: `${process.env['TESSERA_E2E_SCREENSHOTS'] ?? '/tmp'}/tessera-e2e-${expect.getState().currentTestName?.replace(/\W+/g, '-')}.png` }).catch(() => undefined);
    await page?.context().close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({ baseURL: state.baseUrl });
    page = await context.newPage();
    consoleErrors = watchConsole(page);
  });

  let officerPassword = '';

  async function createStaff(username: string, name: string, email: string, role: string): Promise<string> {
    await page.getByTestId('create-staff').click();
    await page.getByTestId('staff-username').fill(username);
    await page.getByTestId('staff-display-name').fill(name);
    await page.getByTestId('staff-email').fill(email);
    await page.getByTestId(`role-${role}`).locator('label').click();
    await page.getByTestId('staff-create-submit').click();
    const text = page.getByTestId('one-time-password').filter({ hasText: /\S{5}-\S{5}/ });
    await text.waitFor();
    const otp = (await text.innerText()).trim();
    await page.getByTestId('one-time-password-done').click();
    return otp;
  }

  /** A TOTP code for a step not used before (codes are single-use per 30 s step). */
  let lastStep = 0;
  async function freshCode(secret: string): Promise<string> {
    let step = Math.floor(Date.now() / 30000);
    if (step <= lastStep) {
      await page.waitForTimeout((lastStep + 1) * 30000 - Date.now() + 200);
      step = Math.floor(Date.now() / 30000);
    }
    lastStep = step;
    return authenticator.clone({ epoch: Date.now() }).generate(secret);
  }

  const firstSignIn = (username: string, oneTimePassword: string, newPassword: string): Promise<string> =>
    firstSignInAs(page, username, oneTimePassword, newPassword, { code: freshCode, verify: true });

  it('takes the administrator and then an auditor from a one-time password to a verified audit chain', async () => {
    await firstSignIn(state.adminUsername, state.adminPassword, 'violet lantern over quiet harbour');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: /Staff/ }).isVisible()).resolves.toBe(true);
    expect(await nav.getByRole('link', { name: /Audit log/ }).count()).toBe(0);

    // create an auditor
    await nav.getByRole('link', { name: /Staff/ }).click();
    await page.getByTestId('create-staff').click();
    await page.getByTestId('staff-username').fill('aud.itor');
    await page.getByTestId('staff-display-name').fill('Ada <b>Auditor</b>');
    await page.getByTestId('staff-email').fill('ada.auditor@example.org');
    await page.getByTestId('role-auditor').locator('label').click();
    await page.getByTestId('staff-create-submit').click();
    const otpText = page.getByTestId('one-time-password').filter({ hasText: /\S{5}-\S{5}/ });
    await otpText.waitFor();
    const otp = (await otpText.innerText()).trim();
    expect(otp).toMatch(/^\S{5}-\S{5}-\S{5}-\S{5}$/);
    await page.getByTestId('one-time-password-done').click();
    officerPassword = await createStaff('rec.officer', 'Rob Records', 'rob.records@example.org', 'records_officer');
    // text from the API renders as text, never as markup
    await expect(page.getByText('Ada <b>Auditor</b>').first().isVisible()).resolves.toBe(true);
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);

    // the auditor's first sign-in, then the audit log
    await firstSignIn('aud.itor', otp, 'seven copper kites at dawn');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Audit log/ }).click();
    await page.getByTestId('audit-row').first().waitFor();
    const rows = await page.getByTestId('audit-row').allInnerTexts();
    const text = rows.join('\n');
    for (const action of ['staff.created', 'auth.password_changed', 'auth.mfa_enrolled', 'auth.signed_in']) {
      expect(text).toContain(action);
    }

    await page.getByTestId('verify-button').click();
    const result = page.getByTestId('verify-result');
    await result.filter({ hasText: /intact|broken/i }).waitFor();
    await expect(result.innerText()).resolves.toMatch(/intact/i);

    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });

  it('lets a records officer find a resident despite a typo, open the record with a purpose, see the history, and import a registry file', async () => {
    expect(officerPassword).not.toBe('');
    await firstSignIn('rec.officer', officerPassword, 'amber ledger under pine');
    const person = state.demoPerson;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Find a person/ }).click();
    const misspelt = person.family.slice(0, 2) + person.family[3] + person.family[2] + person.family.slice(4);
    await page.getByTestId('person-search-q').fill(`${person.given} ${misspelt} ${person.birthDate}`);
    await page.getByTestId('person-search-q').press('Enter');
    const hit = page.locator(`[data-testid="person-hit"][data-person-id="${person.id}"]`);
    await hit.waitFor();
    await expect(hit.innerText()).resolves.toMatch(/birth date exact/);
    await hit.click();
    await page.getByTestId('view-purpose-support_case').locator('label').click();
    await page.getByTestId('view-case-number').fill('CASE-2026-001');
    await page.getByTestId('view-open').click();
    await page.getByTestId('person-name').filter({ hasText: person.family }).waitFor();
    await expect(page.getByTestId('view-purpose').innerText()).resolves.toMatch(/Support case/);
    expect(await page.getByTestId('immunization-row').count()).toBe(person.immunizations);

    // Then an import from the state registry: the report names the rejected line, the new resident can be found.
    const mr = (value: string) => [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'https://iis.example.gov/registry', value }];
    const lines = [
      JSON.stringify({ resourceType: 'Patient', id: 'p1', identifier: mr('E2E-7001'), name: [{ use: 'official', family: 'Okonkwo-Baptiste', given: ['Adaeze'] }], gender: 'female', birthDate: '1979-05-14', address: [{ city: 'Springfield', state: 'IL', postalCode: '62701' }] }),
      '{"resourceType":"Patient","id":', // a broken line: rejected with its position, the rest goes on
      JSON.stringify({ resourceType: 'Immunization', id: 'i1', identifier: [{ system: 'https://iis.example.gov/immunization', value: 'E2E-IMM-1' }], status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] }, patient: { reference: 'Patient/E2E-7001' }, occurrenceDateTime: '2021-04-02', lotNumber: 'EW0182', performer: [{ actor: { display: 'Springfield Clinic' } }] }),
    ];
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Registry imports/ }).click();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'patients.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') });
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-report"][data-status="completed"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('import-inserted').innerText()).resolves.toBe('2');
    await expect(page.getByTestId('import-rejected').innerText()).resolves.toBe('1');
    await expect(page.getByTestId('import-rejection').first().innerText()).resolves.toMatch(/line 2/i);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Find a person/ }).click();
    await page.getByTestId('person-search-q').fill('Adaeze Okonkwo Baptiste 05/14/1979');
    await page.getByTestId('person-search-q').press('Enter');
    await page.getByTestId('person-hit').filter({ hasText: 'Okonkwo-Baptiste' }).first().click();
    await page.getByTestId('view-purpose-data_quality_review').locator('label').click();
    await page.getByTestId('view-open').click();
    await page.getByTestId('person-name').filter({ hasText: 'Okonkwo-Baptiste' }).waitFor();
    expect(await page.getByTestId('immunization-row').count()).toBe(1);
    expect(await page.getByTestId('history-entry').count()).toBeGreaterThanOrEqual(2);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });

  it('sends a signed-out visitor to sign-in and back to the page asked for', async () => {
    await page.goto('/audit');
    await page.waitForURL(/\/sign-in/);
    expect(page.url()).toContain('returnUrl=%2Faudit');
  });
});
