// The web app in a real headless Chromium (Debian's `chromium`, driven by playwright-core), against a
// server with the demo data: each page shows its key figures, a producer is found across scripts, a fact
// is accepted in the review queue with the keyboard, the language switches — and no page logs an error.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/index.js';
import type { AppContext } from '../src/context.js';
import { loadDemoData } from '../src/demo/index.js';
import { ingestDocument } from '../src/documents/index.js';
import { buildServer, type Server } from '../src/http/index.js';
import { testContext } from './support/db.js';

const CHROMIUM = process.env.KERUEN_CHROMIUM ?? '/usr/bin/chromium';
const SEED = join(import.meta.dirname, '../../shared/corpus/seeds/seed002-kz-uz-2024-07-12-primeminister.md');

let ctx: AppContext;
let app: Server;
let browser: Browser;
let base: string;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set KERUEN_CHROMIUM)`,
    );
  const webRoot = mkdtempSync(join(tmpdir(), 'keruen-web-'));
  await build({
    configFile: join(import.meta.dirname, '../web/vite.config.ts'),
    build: { outDir: webRoot, emptyOutDir: true },
    logLevel: 'error',
  });
  ctx = await testContext();
  await loadDemoData(ctx.db);
  await ingestDocument(ctx.db, readFileSync(SEED, 'utf8'), 'seed002.md', '2024-07-13', 'setup');
  await createUser(ctx.db, { name: 'aigerim', password: 'correct horse battery', role: 'reviewer' }, 'setup');
  await createUser(ctx.db, { name: 'timur', password: 'an admin password', role: 'admin' }, 'setup');
  await createUser(ctx.db, { name: 'lola', password: 'checks every page', role: 'admin' }, 'setup');
  app = await buildServer(ctx, { webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await ctx?.close();
});

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  problems = [];
  // A context of its own (which axe needs for its checks of frames), closed with the page.
  page = await (await browser.newContext({ viewport, locale: 'en-US' })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${base}${path}`);
  return page;
}

afterEach(async () => {
  await page?.context().close();
  expect(problems).toEqual([]);
});

describe('the web app in Chromium', () => {
  it('overview: the map, the Kazakhstan–Uzbekistan target with its status and source, the latest meetings', async () => {
    const p = await open('/');
    await p.getByRole('heading', { name: 'Trade targets', exact: true }).waitFor();
    const row = p.getByRole('row', { name: /Kazakhstan – Uzbekistan/ });
    await expect(row.getByText('$10B')).toBeTruthy();
    expect(await row.textContent()).toMatch(/\$10B.*2030.*\$4\.5B \(2023\).*45%/);
    expect(await row.getByRole('link').count()).toBeGreaterThanOrEqual(1);
    await p.locator('svg.map path.land.region').first().waitFor();
    expect(await p.locator('svg.map path.land').count()).toBeGreaterThan(20);
    expect(await p.locator('svg.map g.pair').count()).toBeGreaterThan(5);
    expect(await p.getByRole('heading', { name: 'Latest meetings' }).isVisible()).toBe(true);
    expect(
      await p.getByText('12th meeting of the Kazakhstan–Kyrgyzstan Intergovernmental Council').isVisible(),
    ).toBe(true);

    await row.getByRole('link', { name: 'Kazakhstan – Uzbekistan' }).click();
    await p.getByRole('heading', { name: 'Kazakhstan – Uzbekistan', level: 1 }).waitFor();
    await p.locator('svg.chart circle.point').first().waitFor();
    expect(await p.getByRole('heading', { name: 'Targets' }).isVisible()).toBe(true);
    expect(
      await p
        .getByText(
          'Protocol of the 21st meeting of the Joint Intergovernmental Commission on Bilateral Cooperation',
        )
        .isVisible(),
    ).toBe(true);
  });

  it('pairs and records: every pair of the region listed, a meeting opened with its sources and links', async () => {
    const p = await open('/');
    await p.getByRole('link', { name: 'Country pairs' }).click();
    await p.getByRole('rowheader', { name: 'Kazakhstan – Turkmenistan' }).waitFor();
    await p.getByRole('link', { name: 'Kyrgyzstan – Tajikistan' }).waitFor();
    await p.goto(`${base}/`);
    await p
      .getByRole('link', {
        name: '21st meeting of the Kazakhstan–Uzbekistan Joint Intergovernmental Commission on Bilateral Cooperation',
      })
      .click();
    await p.getByRole('heading', { level: 1, name: /21st meeting/ }).waitFor();
    expect(await p.getByText('primeminister.kz, Jul 12, 2024').first().isVisible()).toBe(true);
    // What was signed there points to it.
    await p
      .getByRole('link', {
        name: 'Protocol of the 21st meeting of the Joint Intergovernmental Commission on Bilateral Cooperation',
      })
      .waitFor();
    // Projects discussed there link back to it.
    await p.getByRole('link', { name: 'Electrometallurgical plant in Taraz' }).click();
    await p.getByRole('heading', { level: 1, name: 'Electrometallurgical plant in Taraz' }).waitFor();
  });

  it('producers: a name typed in Latin finds the producer registered in Cyrillic, and says why', async () => {
    const p = await open('/producers');
    await p.getByLabel('Search producers').fill('Kazakhmys');
    await p.getByRole('button', { name: 'Search producers' }).click();
    const hit = p.locator('ol.hits li').filter({ hasText: 'Казахмыс' }).first();
    await hit.waitFor();
    expect(await hit.textContent()).toMatch(/Matched by: name/);
    await hit.getByRole('link').click();
    await p.getByRole('heading', { level: 1, name: /Казахмыс/ }).waitFor();
  });

  it('projects: the table, the rollup beside the portfolios as stated, and the map of places', async () => {
    const p = await open('/projects');
    await p.getByRole('rowheader', { name: 'Electrometallurgical plant in Taraz' }).waitFor();
    await p.locator('svg.map .feature').first().waitFor();
    expect(await p.locator('svg.map .feature').count()).toBeGreaterThanOrEqual(4);
    expect(await p.getByText('KZ-UZ implemented: 12 projects, USD 217 million, 4,500 jobs').isVisible()).toBe(
      true,
    );
  });

  it('review: accepts an ingested fact with the keyboard, and shows it highlighted in its document', async () => {
    const p = await open('/review');
    // Deciding needs an account: signed out, an accept is refused and says why.
    await p.locator('ol.queue > li').first().waitFor();
    await p.keyboard.press('a');
    await p.getByRole('alert').filter({ hasText: 'sign in' }).waitFor();
    problems = problems.filter((m) => !/401/.test(m));
    await p.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await p.getByLabel('Name').fill('aigerim');
    await p.getByLabel('Password').fill('correct horse battery');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByText('aigerim (reviewer)').waitFor();
    await p.getByRole('heading', { name: 'Review queue' }).waitFor();
    const first = p.locator('ol.queue > li').first();
    await first.waitFor();
    const pendingBefore = await p.locator('ol.queue > li button', { hasText: 'Accept' }).count();
    expect(pendingBefore).toBeGreaterThan(3);
    await p.keyboard.press('a');
    await first.locator('.badge').waitFor();
    expect(await p.locator('ol.queue > li button', { hasText: 'Accept' }).count()).toBe(pendingBefore - 1);
    const res = await fetch(`${base}/api/v1/review?status=accepted`);
    expect(((await res.json()) as { facts: unknown[] }).facts).toHaveLength(1);

    // The next one is rejected with a reason typed in place, all from the keyboard.
    await p.keyboard.press('j');
    await p.keyboard.press('r');
    await p.getByLabel('Reason for rejecting').fill('the period is misread');
    await p.keyboard.press('Enter');
    await p.locator('ol.queue > li').nth(1).locator('.badge').waitFor();
    const rejected = (await (await fetch(`${base}/api/v1/review?status=rejected`)).json()) as {
      facts: { reason: string }[];
    };
    expect(rejected.facts.map((f) => f.reason)).toEqual(['the period is misread']);

    await first.getByRole('link').click();
    await p.locator('.document-body mark.fact').first().waitFor();
    expect(await p.locator('.document-body mark.fact-accepted').count()).toBe(1);
  });

  it('account: an admin creates and revokes a token, sees it in the audit log, and changes their password', async () => {
    const p = await open('/signin?next=/account');
    await p.getByLabel('Name').fill('timur');
    await p.getByLabel('Password', { exact: true }).fill('an admin password');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await p.getByRole('rowheader', { name: 'aigerim' }).waitFor();
    expect(await p.getByLabel('Role of aigerim').inputValue()).toBe('reviewer');

    const tokenForm = p.getByRole('form', { name: 'Create token' });
    await tokenForm.getByLabel('User').fill('aigerim');
    await tokenForm.getByLabel('Role').selectOption('reviewer');
    await tokenForm.getByLabel('What it is for').fill('nightly review');
    await tokenForm.getByRole('button', { name: 'Create token' }).click();
    const secret = await p.getByTestId('new-token').textContent();
    expect(secret).toMatch(/^kru_/);
    // The token works, once, as aigerim.
    const who = await fetch(`${base}/api/v1/session`, { headers: { authorization: `Bearer ${secret}` } });
    expect(((await who.json()) as { user: { name: string } }).user.name).toBe('aigerim');
    const row = p.getByRole('row', { name: /nightly review/ });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/^revoked /).waitFor();
    const after = await fetch(`${base}/api/v1/session`, { headers: { authorization: `Bearer ${secret}` } });
    expect(((await after.json()) as { user: unknown }).user).toBeNull();

    const audit = p.getByRole('region', { name: 'Audit log' });
    await audit.getByLabel('What').selectOption('token');
    await audit.getByRole('cell', { name: 'revoke' }).first().waitFor();
    expect(await audit.getByRole('row', { name: /timur.*token.*revoke/ }).count()).toBeGreaterThanOrEqual(1);
    expect(await audit.textContent()).not.toContain(secret!);

    await p.getByLabel('Current password').fill('an admin password');
    await p.getByLabel('New password (at least 10 characters)').fill('a new admin password');
    await p.getByLabel('New password again').fill('a new admin password');
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    const signIn = (password: string) =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'timur', password }),
      });
    expect((await signIn('an admin password')).status).toBe(401);
    expect((await signIn('a new admin password')).status).toBe(200);
  });

  it('meets WCAG 2 A and AA as axe checks it (contrast included) on every page, signed in as an admin', async () => {
    const p = await open('/signin?next=/account');
    await p.getByLabel('Name').fill('lola');
    await p.getByLabel('Password', { exact: true }).fill('checks every page');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Audit log' }).waitFor();
    const pages = [
      '/',
      '/pairs',
      '/pairs/KZ-UZ',
      '/pairs/KZ-UZ/brief',
      '/blocs/EAEU',
      '/producers?q=Shymkent',
      '/producers/1',
      '/projects',
      '/review',
      '/documents/1',
      '/records/1',
      '/account',
    ];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      await p.goto(`${base}${path}`);
      await p.waitForLoadState('networkidle');
      await p.locator('main h1').first().waitFor();
      const result = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa']).analyze();
      found[path] = result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    }
    expect(found).toEqual(Object.fromEntries(pages.map((path) => [path, []])));
  });

  it('switches the language to Russian, with numbers in Russian', async () => {
    const p = await open('/');
    await p.getByRole('heading', { name: 'Trade targets', exact: true }).waitFor();
    await p.getByLabel('Language').selectOption('ru');
    await p.getByRole('heading', { name: 'Цели по товарообороту' }).waitFor();
    expect(await p.getByRole('link', { name: 'Обзор' }).isVisible()).toBe(true);
    expect(await p.locator('html').getAttribute('lang')).toBe('ru');
    expect(await p.getByRole('row', { name: /Казахстан – Узбекистан/ }).textContent()).toMatch(/10\s?млрд/);
  });

  it('shows the producers registry in Kazakh and in Uzbek', async () => {
    const p = await open(`/producers?q=${encodeURIComponent('Kyzylkum cement')}`);
    await p.getByRole('heading', { name: 'Producers of the region' }).waitFor();
    await p.getByLabel('Language').selectOption('kk');
    await p.getByRole('heading', { name: 'Өңір өндірушілері' }).waitFor();
    await p
      .getByRole('link', { name: /Кызылкумцемент/ })
      .first()
      .waitFor();
    expect(await p.getByText('Сәйкестік').first().isVisible()).toBe(true);
    expect(await p.locator('html').getAttribute('lang')).toBe('kk');
    await p.getByLabel('Тіл').selectOption('uz');
    await p.getByRole('heading', { name: 'Mintaqa ishlab chiqaruvchilari' }).waitFor();
    expect(await p.getByText('Moslik').first().isVisible()).toBe(true);
  });

  it('prints a brief per pair, and fits a phone-sized screen', async () => {
    const p = await open('/pairs/KZ-KG/brief');
    await p.getByRole('heading', { name: /Brief: Kazakhstan – Kyrgyzstan/ }).waitFor();
    await p.getByText('Roadmap for increasing agricultural trade').waitFor();
    await p.emulateMedia({ media: 'print' });
    expect(await p.locator('header').isVisible()).toBe(false);
    await p.close();

    const phone = await open('/', { width: 375, height: 740 });
    await phone.getByRole('heading', { name: 'Trade targets', exact: true }).waitFor();
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate<string>('document.activeElement?.textContent')).toBe('Skip to content');
  });
});
