/// <reference lib="dom" />
/**
 * The small things that make the pages feel finished (issue 18, item 9), each as a user meets it: the tab names
 * the page, the first Tab offers a skip link, the header shows the whole name and unit on a 1024×768 tablet, "Tạo
 * hồ sơ" is in view at 1366×768 without scrolling, the focus stays on the paper just uploaded, a draft is deleted
 * ("Xóa dự thảo"), a returned step shows as returned and not as a failure, and "Vui lòng nhập lý do" goes once
 * the reason is typed.
 */
import type { Page } from 'playwright-core';
import { samplePdf } from '../support/documents';
import { actorOf, createAndSubmit } from '../support/route-driver';
import {
  LAPTOP,
  TABLET,
  closeBrowserStack,
  openBrowserStack,
  screenshot,
  signInAt,
  type BrowserStack,
} from '../support/browser';

const w = {} as BrowserStack;
beforeAll(async () => Object.assign(w, await openBrowserStack('finish')));
afterAll(() => closeBrowserStack(w));
const signIn = (username: string, viewport = LAPTOP) => signInAt(w, username, viewport);

/** The document title once the page's heading is there: "<heading> – Hồ sơ khen thưởng". */
async function titleOf(page: Page): Promise<{ title: string; heading: string }> {
  const heading = (await page.getByRole('heading', { level: 1 }).first().textContent())!.trim();
  await page.waitForFunction((h) => document.title.startsWith(h), heading);
  return { title: await page.title(), heading };
}

async function draft(name: string): Promise<string> {
  const clerk = await w.api.as('xa-hoang-van-thu.clerk');
  const res = await clerk.post('/dossiers', {
    awardCode: 'GIAY_KHEN',
    nominee: { kind: 'INDIVIDUAL', name },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const suffix = () => Date.now().toString(36);

describe('the small things', () => {
  test('every page names itself in the tab, and the first Tab offers a skip link to the content', async () => {
    const clerk = await signIn('xa-hoang-van-thu.clerk');
    const seen = new Set<string>();
    const visit = async (path: string) => {
      await clerk.page.goto(`${w.origin}${path}`);
      const { title, heading } = await titleOf(clerk.page);
      expect(title).toBe(`${heading} – Hồ sơ khen thưởng`);
      seen.add(title);
    };
    const id = await draft(`Nông Văn Tú ${suffix()}`);
    for (const path of ['/', '/dossiers', '/dossiers/new', `/dossiers/${id}`]) await visit(path);
    expect(seen.size).toBe(4); // one title per page, none the bare application name
    await clerk.page.goto(`${w.origin}/login-not-a-page`);
    await clerk.page.waitForFunction(() => document.title.startsWith('Không tìm thấy'));

    await clerk.page.goto(`${w.origin}/dossiers`);
    await titleOf(clerk.page);
    await clerk.page.keyboard.press('Tab');
    const skip = clerk.page.locator(':focus');
    expect(await skip.textContent()).toBe('Bỏ qua menu, đến nội dung chính');
    expect(await skip.isVisible()).toBe(true);
    await clerk.page.keyboard.press('Enter');
    await clerk.page.waitForFunction(() => document.activeElement?.id === 'main');
    // The next Tab lands inside the page's content, past the menu.
    await clerk.page.keyboard.press('Tab');
    expect(await clerk.page.evaluate(() => !!document.activeElement?.closest('#main'))).toBe(true);
    expect(clerk.csp).toEqual([]);
    await clerk.close();
  });

  test('on a 1024×768 tablet the header shows the whole name and unit of the longest-named user', async () => {
    const user = 'trung-tam-khuyen-cong.clerk';
    const tablet = await signIn(user, TABLET);
    const { body } = await (await w.api.as(user)).get('/auth/me');
    const name = tablet.page.getByTestId('current-user');
    const unit = tablet.page.getByTestId('current-user-unit');
    expect(await name.textContent()).toBe(body.displayName);
    expect(await unit.textContent()).toContain('Trung tâm Khuyến công và Tư vấn phát triển công nghiệp');
    for (const el of [name, unit]) {
      const fit = await el.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return { cut: e.scrollWidth > e.clientWidth + 1, left: r.left, right: r.right, visible: r.height > 0 };
      });
      expect(fit).toEqual({ cut: false, left: expect.any(Number), right: expect.any(Number), visible: true });
      expect(fit.left).toBeGreaterThanOrEqual(0);
      expect(fit.right).toBeLessThanOrEqual(TABLET.width);
    }
    // Every menu entry is shown (none folded away), and nothing makes the page scroll sideways.
    for (const entry of ['Việc cần làm', 'Hồ sơ', 'Đề nghị khen thưởng']) {
      expect(
        await tablet.page.getByRole('navigation').getByRole('link', { name: entry, exact: true }).isVisible(),
      ).toBe(true);
    }
    expect(await tablet.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await screenshot(tablet.page, 'header-tablet');
    await tablet.close();
  });

  test('at 1366×768 "Tạo hồ sơ" is in view without scrolling, however long the form', async () => {
    const clerk = await signIn('xa-hoang-van-thu.clerk');
    await clerk.page.getByRole('link', { name: 'Đề nghị khen thưởng' }).first().click();
    await clerk.page.getByRole('heading', { level: 1, name: 'Đề nghị khen thưởng' }).waitFor();
    const create = clerk.page.getByRole('button', { name: 'Tạo hồ sơ' });
    const inView = async () => {
      const box = (await create.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= LAPTOP.height;
    };
    expect(await clerk.page.evaluate(() => window.scrollY)).toBe(0);
    expect(await inView()).toBe(true);
    // A long summary makes the form taller than the window: the button stays in view.
    await clerk.page.getByLabel('Tóm tắt thành tích').fill('Thành tích nổi bật.\n'.repeat(40));
    expect(await clerk.page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(LAPTOP.height);
    expect(await inView()).toBe(true);
    await clerk.close();
  });

  test('the focus stays on the paper just uploaded; a draft is deleted, not withdrawn', async () => {
    const name = `Vi Thị Lan ${suffix()}`;
    const id = await draft(name);
    const clerk = await signIn('xa-hoang-van-thu.clerk');
    await clerk.page.goto(`${w.origin}/dossiers/${id}`);
    await clerk.page.getByRole('heading', { level: 1, name: `Hồ sơ: ${name}` }).waitFor();
    const item = clerk.page.locator('[data-testid="doc-item"][data-present="false"]').first();
    const code = (await item.getAttribute('data-code'))!;
    const button = item.getByRole('button', { name: /^Tải lên: / });
    const chooser = clerk.page.waitForEvent('filechooser');
    await button.press('Enter'); // the keyboard user's way: focus the button, Enter
    await (await chooser).setFiles({ name: `${code}.pdf`, mimeType: 'application/pdf', buffer: samplePdf(code) });
    const done = clerk.page.locator(`[data-testid="doc-item"][data-code="${code}"][data-present="true"]`);
    await done.waitFor();
    await clerk.page.waitForFunction(
      (c) => !!document.activeElement?.closest(`[data-testid="doc-item"][data-code="${c}"]`),
      code,
    );
    expect(await clerk.page.evaluate(() => document.activeElement?.textContent)).toBe('Tải bản mới');

    // Nothing was sent anywhere: the draft is deleted, said so, and the clerk is back on the to-do list.
    expect(await clerk.page.getByRole('button', { name: 'Rút hồ sơ' }).count()).toBe(0);
    await clerk.page.getByRole('button', { name: 'Xóa dự thảo', exact: true }).click();
    const dialog = clerk.page.getByRole('dialog', { name: 'Xóa dự thảo' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Dự thảo chưa gửi đi đâu');
    expect(await dialog.getByLabel('Lý do').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Xóa dự thảo', exact: true }).click();
    await clerk.page.getByRole('heading', { level: 1, name: /^Việc chờ/ }).waitFor();
    const [row] = await w.stack.db.query(`SELECT status FROM dossiers WHERE id = $1`, [id]);
    expect(row.status).toBe('WITHDRAWN');
    await clerk.page.goto(`${w.origin}/dossiers/${id}`);
    await clerk.page.locator('[data-testid="history-event"][data-action="withdraw"]').waitFor();
    expect(await clerk.page.locator('[data-testid="history-event"][data-action="withdraw"]').textContent()).toMatch(
      /^Xóa dự thảo/,
    );
    expect(clerk.csp).toEqual([]);
    await clerk.close();
  });

  test('"Vui lòng nhập lý do" goes once it is typed; the returned step shows as returned, not as a failure', async () => {
    const name = `Lục Văn Hùng ${suffix()}`;
    const id = await createAndSubmit(w.api, 'xa-hoang-van-thu.clerk', 'GIAY_KHEN', name);
    const { body: dossier } = await (await w.api.as('xa-hoang-van-thu.clerk')).get(`/dossiers/${id}`);
    const reviewer = await signIn(actorOf({ ...dossier.currentStage, role: dossier.currentStage.role }));
    await reviewer.page.goto(`${w.origin}/dossiers/${id}`);
    await reviewer.page.getByRole('heading', { level: 1, name: `Hồ sơ: ${name}` }).waitFor();
    await reviewer.page.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
    const dialog = reviewer.page.getByRole('dialog', { name: 'Trả lại để bổ sung' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
    const required = dialog.getByText('Vui lòng nhập lý do');
    await required.waitFor();
    // Closed and opened again: the last attempt's message does not greet the user.
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reviewer.page.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
    await dialog.waitFor();
    expect(await required.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
    await required.waitFor();
    await dialog.getByLabel('Lý do').pressSequentially('Thiếu bản xác nhận thành tích', { delay: 10 });
    await required.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const clerk = await signIn('xa-hoang-van-thu.clerk');
    await clerk.page.goto(`${w.origin}/dossiers/${id}`);
    await clerk.page.locator('[data-testid="route-step"][data-state="returned"]').waitFor();
    const steps = clerk.page.getByRole('navigation', { name: 'Quy trình xử lý' });
    expect(await steps.locator('.ant-steps-item-error').count()).toBe(0);
    expect(await steps.textContent()).toContain('Đã trả lại để bổ sung');
    await clerk.page.getByTestId('document-checklist').waitFor();
    await screenshot(clerk.page, 'dossier-returned-step');
    expect([...reviewer.csp, ...clerk.csp]).toEqual([]);
    await reviewer.close();
    await clerk.close();
  });

  test('the clerk’s home lists what is due in the next 7 days: the campaigns closing, soonest first', async () => {
    const vnDay = (offsetDays: number) =>
      new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const leader = await w.api.as('van-lang.leader');
    const code = (n: string) => `DUE-${suffix().toUpperCase()}-${n}`;
    const soon = { code: code('A'), name: `Đợt thi đua chuyên đề chuyển đổi số ${suffix()}`, closesOn: vnDay(3) };
    const later = { code: code('B'), name: `Đợt khen thưởng tổng kết năm ${suffix()}`, closesOn: vnDay(20) };
    for (const c of [soon, later]) {
      const res = await leader.post('/campaigns', {
        ...c,
        kind: 'THEMATIC',
        opensOn: vnDay(-10),
        awardCodes: ['GIAY_KHEN'],
      });
      expect(res.status).toBe(201);
    }
    const clerk = await signIn('xa-hoang-van-thu.clerk');
    const card = clerk.page.getByTestId('due-this-week');
    await card.getByText(soon.name).waitFor();
    const row = card.locator(`[data-testid="due-campaign"][data-code="${soon.code}"]`);
    const [y, m, d] = soon.closesOn.split('-');
    expect(await row.textContent()).toContain(`Hết hạn nhận hồ sơ ngày ${d}/${m}/${y} (còn 3 ngày)`);
    expect(await card.getByText(later.name).count()).toBe(0);
    // A commune's clerk of another district is not reached by van-lang's campaign.
    const other = await signIn('chi-cuc-bao-ve-moi-truong.clerk');
    await other.page.getByTestId('due-this-week').waitFor();
    await other.page.waitForLoadState('networkidle');
    expect(await other.page.getByTestId('due-this-week').getByText(soon.name).count()).toBe(0);
    expect([...clerk.csp, ...other.csp]).toEqual([]);
    await clerk.close();
    await other.close();
  });
});
