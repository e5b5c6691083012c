/// <reference lib="dom" />
/**
 * The notification centre (issue 18, item 4) as the unit's approver meets it: a reminder raised when a dossier
 * reaches their stage shows as a count on the bell in the header, the centre names the nominee, the award, the
 * step and the unit in Vietnamese, opening it goes to the dossier and marks it read, and "mark all read" empties
 * the count. The time limits are shortened so that the reminder is due the moment the dossier is submitted.
 */
import type { Page } from 'playwright-core';
import { TIME_LIMIT_RULES, type TimeLimitRuleSet } from '../../libs/domain/deadlines';
import { createAndSubmit } from '../support/route-driver';
import {
  closeBrowserStack,
  openBrowserStack,
  screenshot,
  seriousA11yViolations,
  signInAt,
  type BrowserStack,
} from '../support/browser';

// One working day at the unit, reminded 2 working days ahead: due at submission.
const shortRules: TimeLimitRuleSet[] = [
  {
    ...structuredClone(TIME_LIMIT_RULES[0]),
    version: 'browser-short',
    limits: [{ stage: 'UNIT_REVIEW', workingDays: 1, basis: 'test' }],
  },
];

const w = {} as BrowserStack;
beforeAll(async () => Object.assign(w, await openBrowserStack('notifications', { timeLimitRules: shortRules })));
afterAll(() => closeBrowserStack(w));

const APPROVER = 'xa-hoang-van-thu.approver';

async function unreadFromApi(): Promise<number> {
  return (await (await w.api.as(APPROVER)).get('/notifications/unread-count')).body.unread as number;
}

/** The count the bell says (its accessible name carries it). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label'))!;
  return Number(/: (\d+) chưa đọc$/.exec(label)![1]);
}

test('a reminder reaches the bell and the centre, names what it is about, and is read by opening it', async () => {
  const name = `Đinh Thị Hương ${Date.now().toString(36)}`;
  const before = await unreadFromApi();
  const id = await createAndSubmit(w.api, 'xa-hoang-van-thu.clerk', 'GIAY_KHEN', name);
  // A second one, so that something is still unread after the first is opened.
  const other = `Hà Văn Quang ${Date.now().toString(36)}`;
  await createAndSubmit(w.api, 'xa-hoang-van-thu.clerk', 'GIAY_KHEN', other);
  for (let i = 0; (await unreadFromApi()) < before + 2; i++) {
    if (i === 100) throw new Error('the reminder was never raised');
    await new Promise((r) => setTimeout(r, 100));
  }
  const unread = await unreadFromApi();
  expect(unread).toBeGreaterThanOrEqual(2);

  const approver = await signInAt(w, APPROVER);
  const { page } = approver;
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="notification-bell"] sup')?.textContent === String(n),
    unread,
  );
  expect(await bellCount(page)).toBe(unread);

  await page.getByTestId('notification-bell').click();
  await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  const item = page.locator('[data-testid="notification"]', { hasText: name });
  await item.waitFor();
  const text = (await item.textContent())!;
  expect(await item.getAttribute('data-kind')).toBe('REMINDER');
  expect(await item.getAttribute('data-read')).toBe('false');
  for (const words of ['Sắp đến hạn', 'Giấy khen', 'Đơn vị xét, ký tờ trình', 'UBND xã Hoàng Văn Thụ', 'Chưa đọc']) {
    expect(text).toContain(words);
  }
  // Names, not codes; Vietnamese, not the e-mail's English body.
  expect(text).not.toMatch(/UNIT_REVIEW|xa-hoang-van-thu|GIAY_KHEN|Reminder|dossier/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'notifications');

  await item.getByRole('button', { name: 'Mở hồ sơ' }).click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${name}` }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/dossiers/${id}`);
  await page.waitForFunction(
    (n) =>
      /: (\d+) chưa đọc$/.exec(
        document.querySelector('[data-testid="notification-bell"]')!.getAttribute('aria-label')!,
      )![1] === String(n),
    unread - 1,
  );
  expect(await unreadFromApi()).toBe(unread - 1);

  // Unread only: it is gone from there; then everything is marked read at once.
  await page.getByTestId('notification-bell').click();
  await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  await page.locator('.ant-segmented').getByText('Chưa đọc', { exact: true }).click();
  await page.locator('[data-testid="notification"]', { hasText: other }).waitFor();
  expect(await page.locator('[data-testid="notification"][data-read="true"]').count()).toBe(0);
  expect(await page.locator('[data-testid="notification"]', { hasText: name }).count()).toBe(0);
  await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
  await page.getByText('Không có thông báo chưa đọc.').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="notification-bell"] sup'));
  expect(await bellCount(page)).toBe(0);
  expect(await unreadFromApi()).toBe(0);
  expect(approver.csp).toEqual([]);
  await approver.close();
});
