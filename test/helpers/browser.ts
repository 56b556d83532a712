/**
 * Debian's Chromium driven by playwright-core (no browser download: the apt package at
 * /usr/bin/chromium). Each launch gets a fresh profile directory, removed on close.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.GCM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they skip, unless GCM_REQUIRE_BROWSER=1
 * (set by .ci/run, which installs it), where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.GCM_REQUIRE_BROWSER === '1') throw new Error(`GCM_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist (apt-get install chromium)`);
  return present;
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  downloads: string;
  close(): Promise<void>;
}

/** A laptop-sized window (1366 × 768 CSS pixels), downloads accepted. */
export async function launchBrowser(options: { bypassCSP?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'gcm-chromium-'));
  const downloads = path.join(profile, 'downloads');
  mkdirSync(downloads);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    downloadsPath: downloads,
    bypassCSP: options.bypassCSP ?? false,
  });
  return {
    context,
    downloads,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Errors the page itself reports: uncaught exceptions, console errors, and any Content-Security-Policy violation. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  return problems;
}

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
