/// <reference lib="dom" />
import { readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiClient } from './http';
import { startStack, type TestStack } from './stack';

/** Debian's Chromium (scripts/ensure-chromium.sh installs it), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless and quiet: nothing phones home, nothing updates itself. Playwright gives every launch a fresh
 * temporary profile (--user-data-dir) and removes it on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 1024, height: 768 };

/** One signed-in user: their own browser context, so sessions never mix. */
export interface UserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2.x A/AA and best-practice rules on the page as it is now; serious and critical only. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the API's Content-Security-Policy
  // (script-src 'self') rightly refuses inline scripts, and the pages are tested under that real policy.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

/**
 * Every run takes the screenshots; `UPDATE_SCREENSHOTS=1` writes them over the README's in docs/screenshots
 * (otherwise into a temporary folder, so that `npm test` leaves the working tree as it found it).
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(__dirname, '..', '..', 'docs', 'screenshots')
    : join(tmpdir(), 'dossier-screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let the success toasts fade so that the picture shows the page, not the last message.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Messages the browser logs when the Content-Security-Policy refuses something; none are expected. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => seen.push(String(e)));
  return seen;
}

/** A browser test file's world: its own stack (the API serving the built pages), an API client, a browser. */
export interface BrowserStack {
  stack: TestStack;
  api: ReturnType<typeof apiClient>;
  browser: Browser;
  /** Where the pages are served: the API's address without /api/v1. */
  origin: string;
}

export async function openBrowserStack(
  name: string,
  options: Parameters<typeof startStack>[1] = {},
): Promise<BrowserStack> {
  const stack = await startStack(name, options);
  return {
    stack,
    api: apiClient(stack.baseUrl, stack.demoPassword),
    origin: stack.baseUrl.replace(/\/api\/v1$/, ''),
    browser: await launchBrowser(),
  };
}

export async function closeBrowserStack(world: Partial<BrowserStack>): Promise<void> {
  await world.browser?.close();
  await world.stack?.close();
}

/** A user signed in through the login page in a context of their own, on their home page ("Việc chờ …"). */
export async function signInAt(
  world: Pick<BrowserStack, 'browser' | 'origin' | 'stack'>,
  username: string,
  viewport = LAPTOP,
): Promise<UserSession & { csp: string[] }> {
  const context = await world.browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const csp = cspViolations(page);
  await page.goto(`${world.origin}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(world.stack.demoPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: /^Việc chờ/ }).waitFor();
  return { context, page, csp, close: () => context.close() };
}
