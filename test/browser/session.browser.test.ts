/// <reference lib="dom" />
/**
 * A working day's session in a real browser: access tokens that live 20 s here (15 minutes in production) are
 * renewed while the clerk types, a refused token is renewed and the request sent again, and when the session
 * does end (ended on purpose, or idle) the login page says why and the form comes back as it was typed.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  LAPTOP,
  closeBrowserStack,
  cspViolations,
  openBrowserStack,
  screenshot,
  type BrowserStack,
  type UserSession,
} from '../support/browser';

const w = {} as BrowserStack;
beforeAll(async () => Object.assign(w, await openBrowserStack('session', { env: { JWT_EXPIRES_IN: '20s' } })));
afterAll(() => closeBrowserStack(w));

const CLERK = 'xa-hoang-van-thu.clerk';

interface Watched extends UserSession {
  /** The status of every /auth/refresh the page sent, in order. */
  refreshes: number[];
  /** What the Content-Security-Policy refused, and errors thrown in the page: none expected. */
  csp: string[];
}

async function signIn(username: string, existing?: Watched): Promise<Watched> {
  const context =
    existing?.context ??
    (await w.browser.newContext({ viewport: LAPTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' }));
  const page = existing?.page ?? (await context.newPage());
  const refreshes = existing?.refreshes ?? [];
  const csp = existing?.csp ?? cspViolations(page);
  if (!existing) {
    page.on('response', (res) => {
      if (res.url().endsWith('/api/v1/auth/refresh')) refreshes.push(res.status());
    });
    await page.goto(`${w.origin}/login`);
  }
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(w.stack.demoPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return { context, page, refreshes, csp, close: () => context.close() };
}

async function openNewNomination(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Đề nghị khen thưởng' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Đề nghị khen thưởng' }).waitFor();
}

async function chooseAward(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Hình thức khen thưởng' }).click();
  await page.keyboard.type('Thủ tướng');
  await page.locator('.ant-select-item-option[title="Bằng khen của Thủ tướng Chính phủ"]').click();
  await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
}

const stored = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('ade.session') ?? 'null') as { refreshToken: string } | null);

describe('a session through a working day', () => {
  test('stays signed in across token expiries while the clerk types, and renews a refused token once', async () => {
    const clerk = await signIn(CLERK);
    await clerk.page.getByRole('heading', { level: 1, name: /^Việc chờ/ }).waitFor();
    await openNewNomination(clerk.page);
    await chooseAward(clerk.page);
    const nominee = `Lò Thị Mai ${Date.now().toString(36)}`;
    await clerk.page.getByLabel('Họ tên cá nhân / tên tập thể').fill(nominee);
    // 36 s of typing, longer than an access token lives: no request is sent, the session is renewed anyway.
    const achievements = clerk.page.getByLabel('Tóm tắt thành tích');
    for (let i = 0; i < 9; i++) {
      await achievements.pressSequentially(`Năm ${2017 + i}: hoàn thành xuất sắc nhiệm vụ. `, { delay: 20 });
      await clerk.page.waitForTimeout(3_000);
    }
    expect(clerk.refreshes.length).toBeGreaterThanOrEqual(2);
    expect(clerk.refreshes.every((s) => s === 200)).toBe(true);
    expect(clerk.page.url()).toMatch(/\/dossiers\/new$/);

    // The access token refused by the server (as one revoked or expired early is): renewed once, sent again.
    const before = clerk.refreshes.length;
    await clerk.page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('ade.session')!) as { accessToken: string; renewAt: number };
      localStorage.setItem(
        'ade.session',
        JSON.stringify({ ...s, accessToken: 'not.a.token', renewAt: Date.now() + 60_000 }),
      );
    });
    await clerk.page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await clerk.page.getByRole('heading', { level: 1, name: `Hồ sơ: ${nominee}` }).waitFor();
    expect(clerk.refreshes.slice(before)).toEqual([200]);
    const created = await w.stack.db.query(`SELECT achievement_summary FROM dossiers WHERE nominee_name = $1`, [
      nominee,
    ]);
    expect(created).toHaveLength(1);
    expect(created[0].achievement_summary).toMatch(/^Năm 2017: .*Năm 2025: hoàn thành xuất sắc nhiệm vụ\.$/);
    expect(clerk.csp).toEqual([]);
    await clerk.close();
  });

  test('ended on purpose: the login page says so, and the form comes back as typed, for that user only', async () => {
    const clerk = await signIn(CLERK);
    await clerk.page.getByRole('heading', { level: 1, name: /^Việc chờ/ }).waitFor();
    await openNewNomination(clerk.page);
    await chooseAward(clerk.page);
    const nominee = `Hà Văn Sơn ${Date.now().toString(36)}`;
    const summary = 'Sáng kiến cải tiến thủ tục một cửa được áp dụng toàn tỉnh';
    await clerk.page.getByLabel('Họ tên cá nhân / tên tập thể').fill(nominee);
    await clerk.page.getByLabel('Chức vụ, đơn vị công tác').fill('Công chức Văn phòng – Thống kê');
    await clerk.page.getByLabel('Tóm tắt thành tích').fill(summary);

    // The session is ended elsewhere (signed out from another device): its refresh token stops working, and
    // the access token in this tab is refused.
    const session = (await stored(clerk.page))!;
    const res = await fetch(`${w.stack.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(res.status).toBe(204);
    await clerk.page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('ade.session')!) as { accessToken: string };
      localStorage.setItem('ade.session', JSON.stringify({ ...s, accessToken: 'revoked.elsewhere' }));
    });
    await clerk.page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await clerk.page.getByRole('heading', { level: 2, name: 'Đăng nhập' }).waitFor();
    const notice = await clerk.page.getByRole('alert').first().textContent();
    expect(notice).toContain('Phiên đăng nhập đã kết thúc');
    expect(notice).toContain('lưu nháp');
    await screenshot(clerk.page, 'session-ended');
    expect(await w.stack.db.query(`SELECT 1 FROM dossiers WHERE nominee_name = $1`, [nominee])).toHaveLength(0);

    // Another clerk on the same computer signs in (back on the page where the session ended) and does not see it.
    await signIn('chi-cuc-bao-ve-moi-truong.clerk', clerk);
    await clerk.page.getByRole('heading', { level: 1, name: 'Đề nghị khen thưởng' }).waitFor();
    await clerk.page.getByText('Chi cục Bảo vệ môi trường', { exact: false }).first().waitFor();
    expect(await clerk.page.getByLabel('Họ tên cá nhân / tên tập thể').inputValue()).toBe('');
    expect(await clerk.page.getByText(/Đã khôi phục nội dung nhập dở/).count()).toBe(0);
    await clerk.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await clerk.page.getByRole('heading', { level: 2, name: 'Đăng nhập' }).waitFor();

    // The same clerk again: everything typed is back, said so, and creates the dossier; then the draft is gone.
    await signIn(CLERK, clerk);
    await clerk.page.getByRole('heading', { level: 1, name: 'Đề nghị khen thưởng' }).waitFor();
    await clerk.page.getByText(/Đã khôi phục nội dung nhập dở lúc/).waitFor();
    expect(await clerk.page.getByLabel('Họ tên cá nhân / tên tập thể').inputValue()).toBe(nominee);
    expect(await clerk.page.getByLabel('Chức vụ, đơn vị công tác').inputValue()).toBe('Công chức Văn phòng – Thống kê');
    expect(await clerk.page.getByLabel('Tóm tắt thành tích').inputValue()).toBe(summary);
    await clerk.page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await clerk.page.getByRole('heading', { level: 1, name: `Hồ sơ: ${nominee}` }).waitFor();
    const rows = await w.stack.db.query(`SELECT award_code FROM dossiers WHERE nominee_name = $1`, [nominee]);
    expect(rows).toHaveLength(1);
    await openNewNomination(clerk.page);
    expect(await clerk.page.getByLabel('Họ tên cá nhân / tên tập thể').inputValue()).toBe('');
    expect(await clerk.page.getByText(/Đã khôi phục nội dung nhập dở/).count()).toBe(0);
    expect(clerk.csp).toEqual([]);
    await clerk.close();
  });

  test('idle for longer than the setting: signed out, on the server too, and told why', async () => {
    const context = await w.browser.newContext({ viewport: LAPTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    // The page's clock is Playwright's, so an hour can pass in a moment; the server's is real.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${w.origin}/login`);
    const csp = cspViolations(page);
    const clerk = await signIn(CLERK, { context, page, refreshes: [], csp, close: () => context.close() });
    await clerk.page.getByRole('heading', { level: 1, name: /^Việc chờ/ }).waitFor();
    // The session's tokens on the server: one family, found by the first token's hash.
    const hash = createHash('sha256')
      .update((await stored(page))!.refreshToken)
      .digest('hex');
    const open = async () =>
      (
        await w.stack.db.query(
          `SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NULL
             AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
          [hash],
        )
      )[0].n as number;
    await page.clock.fastForward('59:00');
    await page.waitForTimeout(6_000); // a tick of the session's timer (every 5 s) at minute 59
    expect(await page.getByRole('heading', { level: 1, name: /^Việc chờ/ }).isVisible()).toBe(true);
    expect(await open()).toBe(1);
    await page.clock.fastForward('01:30');
    await page.getByRole('heading', { level: 2, name: 'Đăng nhập' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('lâu không thao tác');
    // Signing out told the server: no token of the session is left that could renew it.
    for (let i = 0; (await open()) > 0; i++) {
      if (i === 20) throw new Error('the idle session was not ended on the server');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(csp).toEqual([]);
    await context.close();
  });
});
