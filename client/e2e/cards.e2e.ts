import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { e2eState, launchBrowser, watchConsole } from './support/browser';
import { firstSignIn } from './support/first-sign-in';
import { createStaffWithCli } from './support/staff-cli';

/**
 * The card path across three screens, as the people doing it would: a key administrator creates a signing key and
 * activates it (acknowledging that it was published only moments ago); a help-desk agent finds a resident, opens the
 * record for a card request, issues a card and sees its QR code; the inspector then reads the card back, pasted as
 * text and uploaded as the QR image, and finds it valid and signed by the key just activated. Last, revocation for
 * compromise: one administrator requests it (and cannot approve it), a second one approves, the key leaves the key set.
 */
describe('key activation to card issuance to inspection', () => {
  const state = e2eState();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Console errors of every page opened (CSP violations included). */
  const pageErrors: string[][] = [];
  let tmp: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = mkdtempSync(join(tmpdir(), 'tessera-e2e-cards-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(async () => {
    const dir = process.env['TESSERA_E2E_SCREENSHOTS'] ?? '/tmp';
    for (const [i, context] of contexts.entries()) {
      for (const page of context.pages()) {
        await page.screenshot({ path: `${dir}/tessera-e2e-cards-${i}.png` }).catch(() => undefined);
      }
      await context.close();
    }
    contexts.length = 0;
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: state.baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    pageErrors.push(watchConsole(page));
    return page;
  }

  it('activates a key, issues a card, verifies it in the inspector, then revokes a spare key with two administrators', async () => {
    const adminOtp = await createStaffWithCli(state, { username: 'kim.keys', name: 'Kim Keys', email: 'kim.keys@example.org', roles: ['key_admin'] });
    const agentOtp = await createStaffWithCli(state, { username: 'hal.desk', name: 'Hal Desk', email: 'hal.desk@example.org', roles: ['helpdesk_agent'] });

    // --- the key administrator: create a key, activate it ---
    const admin = await newPage();
    await firstSignIn(admin, 'kim.keys', adminOtp, 'granite owl beneath silver rain');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Issuer keys/ }).click();
    await expect(admin.getByTestId('key-jwks-url').innerText()).resolves.toMatch(/\/\.well-known\/jwks\.json$/);
    await admin.getByTestId('key-create').click();
    await admin.getByTestId('reason-text').fill('Initial signing key, change CHG-1001');
    await admin.getByTestId('reason-submit').click();
    const created = admin.locator('[data-testid="key-row"][data-state="created"]');
    await created.waitFor();
    const kid = await created.getAttribute('data-kid');
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await created.getByTestId('key-actions').click();
    await admin.getByTestId('key-activate').click();
    await admin.getByTestId('reason-text').fill('Go live with the new key, change CHG-1002');
    await admin.getByTestId('reason-submit').click();
    // Published seconds ago, far less than the lead time: the server asks for an explicit acknowledgement.
    const acknowledge = admin.getByTestId('reason-acknowledge');
    await acknowledge.waitFor();
    await expect(admin.getByTestId('reason-notice').innerText()).resolves.toMatch(/publish/i);
    await acknowledge.locator('label').click();
    await admin.getByTestId('reason-submit').click();
    const active = admin.locator(`[data-testid="key-row"][data-kid="${kid}"][data-state="active"]`);
    await active.waitFor();
    await expect(active.getByTestId('key-state').innerText()).resolves.toBe('Active');

    // the resident portal's credential is shown once, then only the client is listed
    await admin.getByTestId('portal-client-create').click();
    await admin.getByTestId('portal-client-name').fill('state-portal');
    await admin.getByTestId('portal-client-reason').fill('Portal go-live, change CHG-1004');
    await admin.getByTestId('portal-client-submit').click();
    const credential = (await admin.getByTestId('portal-client-credential').innerText()).trim();
    expect(credential).toMatch(/^\S+\.\S{20,}$/);
    await admin.getByTestId('portal-client-credential-done').click();
    const client = admin.locator('[data-testid="portal-client-row"][data-name="state-portal"]');
    await client.waitFor();
    expect(await admin.getByText(credential).count()).toBe(0);

    // --- the help-desk agent: find the resident, open the record, issue a card ---
    const agent = await newPage();
    await firstSignIn(agent, 'hal.desk', agentOtp, 'quiet meadow under copper sky');
    const person = state.demoPerson;
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Find a person/ }).click();
    await agent.getByTestId('person-search-q').fill(`${person.given} ${person.family} ${person.birthDate}`);
    await agent.getByTestId('person-search-q').press('Enter');
    await agent.locator(`[data-testid="person-hit"][data-person-id="${person.id}"]`).click();
    await agent.getByTestId('view-purpose-card_request').locator('label').click();
    await agent.getByTestId('view-open').click();
    await agent.getByTestId('person-name').filter({ hasText: person.family }).waitFor();
    await agent.getByTestId('person-cards').waitFor();

    await agent.getByTestId('issue-card').click();
    const doses = agent.getByTestId('issue-card-dose');
    await doses.first().waitFor();
    // Completed doses are preselected; a card must fit one QR code, so keep at most four.
    const doseCount = await doses.count();
    for (let i = 4; i < doseCount; i++) await doses.nth(i).locator('label').click();
    await agent.getByTestId('issue-card-submit').click();
    const qr = agent.getByTestId('card-qr-image');
    await qr.waitFor();
    await expect(qr.getAttribute('alt')).resolves.toMatch(/QR code of the SMART Health Card/);
    await agent.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="card-qr-image"]');
        return !!img && img.complete && img.naturalWidth > 100;
      },
      undefined,
      { timeout: 15_000 },
    );
    await expect(agent.getByTestId('card-kid').getAttribute('data-kid')).resolves.toBe(kid);
    const qrText = ((await agent.getByTestId('card-qr-text').textContent()) ?? '').trim();
    expect(qrText).toMatch(/^shc:\/\d+$/);
    const pngHref = await agent.getByTestId('card-download-qr.png').first().getAttribute('href');
    await agent.getByTestId('issue-card-done').click();
    await agent.getByTestId('card-row').first().waitFor();
    expect(await agent.getByTestId('card-row').count()).toBe(1);

    // --- the inspector: the pasted shc:/ text, then the QR image ---
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Card inspector/ }).click();
    await agent.getByTestId('inspector-text').fill(qrText);
    await agent.getByTestId('inspector-submit').click();
    await expectValidOwnCard(agent, kid!);
    await expect(agent.getByTestId('inspection-format').innerText()).resolves.toMatch(/shc:\//);
    await expect(agent.getByTestId('inspection-patient').innerText()).resolves.toContain(person.family);

    const png = await agent.request.get(pngHref!);
    expect(png.status()).toBe(200);
    expect(png.headers()['content-type']).toMatch(/image\/png/);
    const file = join(tmp, 'card-qr.png');
    writeFileSync(file, await png.body());
    await agent.getByTestId('inspector-file-input').setInputFiles(file);
    await agent.getByTestId('inspection-result').filter({ hasText: 'card-qr.png' }).waitFor();
    await expectValidOwnCard(agent, kid!);
    await expect(agent.getByTestId('inspection-format').innerText()).resolves.toMatch(/QR image/);

    // Garbage and oversized input get clear messages, not a verdict.
    await agent.getByTestId('inspector-text').fill('shc:/123');
    await agent.getByTestId('inspector-submit').click();
    await expect(agent.getByTestId('inspector-error').innerText()).resolves.toMatch(/truncated|cannot be read/i);
    await agent.getByTestId('inspector-file-input').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024) });
    await expect(agent.getByTestId('inspector-error').innerText()).resolves.toMatch(/huge\.png is 6(\.0)? MB; the inspector accepts files up to 5 MB/);
    expect(await agent.getByTestId('inspection-result').count()).toBe(0);

    // --- revocation for compromise takes two key administrators ---
    await admin.getByTestId('key-create').click();
    await admin.getByTestId('reason-text').fill('Spare key for the drill, change CHG-1003');
    await admin.getByTestId('reason-submit').click();
    const spare = admin.locator('[data-testid="key-row"][data-state="created"]');
    await spare.waitFor();
    const spareKid = await spare.getAttribute('data-kid');
    await spare.getByTestId('key-actions').click();
    await admin.getByTestId('key-revocation-request').click();
    await admin.getByTestId('reason-text').fill('Drill: treat the spare key as leaked');
    await admin.getByTestId('reason-submit').click();
    // a destructive action is not sent before it is confirmed
    await admin.getByText('Tick the box to confirm.').waitFor();
    await admin.getByTestId('reason-confirm-check').locator('label').click();
    await admin.getByTestId('reason-submit').click();
    const pending = admin.locator(`[data-testid="key-row"][data-kid="${spareKid}"]`).getByTestId('key-pending-revocation');
    await expect(pending.innerText()).resolves.toMatch(/your request/);
    await admin.locator(`[data-testid="key-row"][data-kid="${spareKid}"]`).getByTestId('key-actions').click();
    expect(await admin.getByTestId('key-revocation-approve').count()).toBe(0);
    await admin.keyboard.press('Escape');

    const secondOtp = await createStaffWithCli(state, { username: 'ria.revoke', name: 'Ria Revoke', email: 'ria.revoke@example.org', roles: ['key_admin'] });
    const second = await newPage();
    await firstSignIn(second, 'ria.revoke', secondOtp, 'marble heron above winter docks');
    await second.goto('/keys');
    const spareRow = second.locator(`[data-testid="key-row"][data-kid="${spareKid}"]`);
    await expect(spareRow.getByTestId('key-pending-revocation').innerText()).resolves.toMatch(/requested by kim\.keys/);
    await spareRow.getByTestId('key-actions').click();
    await second.getByTestId('key-revocation-approve').click();
    await second.getByTestId('reason-text').fill('Drill confirmed by a second administrator');
    await second.getByTestId('reason-confirm-check').locator('label').click();
    await second.getByTestId('reason-submit').click();
    await second.locator(`[data-testid="key-row"][data-kid="${spareKid}"][data-state="revoked"]`).waitFor();
    const jwks = await second.request.get(await second.getByTestId('key-jwks-url').innerText());
    const published = ((await jwks.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(published).toContain(kid);
    expect(published).not.toContain(spareKid);

    expect(pageErrors.flat().filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});

async function expectValidOwnCard(page: Page, kid: string): Promise<void> {
  const verdict = page.getByTestId('inspection-verdict');
  await verdict.waitFor();
  await expect(verdict.getAttribute('data-valid')).resolves.toBe('true');
  await expect(verdict.innerText()).resolves.toMatch(/Valid card/);
  await expect(page.getByTestId('inspector-announcement').innerText()).resolves.toMatch(/Valid card/);
  await expect(page.getByTestId('inspection-signature').getAttribute('data-valid')).resolves.toBe('true');
  await expect(page.getByTestId('inspection-issuer').getAttribute('data-ours')).resolves.toBe('true');
  // No revocation list exists yet (no key or card revoked): reported as not checked, never as revoked.
  await expect(page.getByTestId('inspection-revocation').getAttribute('data-revoked')).resolves.not.toBe('true');
  const key = page.getByTestId('inspection-key');
  await expect(key.getAttribute('data-kid')).resolves.toBe(kid);
  await expect(key.getByTestId('key-state').getAttribute('data-state')).resolves.toBe('active');
  expect(await page.locator('[data-testid="inspection-finding"][data-severity="error"]').count()).toBe(0);
}
