/// <reference lib="dom" />
/**
 * The web application in a real browser, against the real stack: a clerk nominates through the pages, every
 * stage of the route acts through the pages as its own user, the dossier is returned once and resubmitted,
 * the deciding approver records the decision. axe checks each main page; the screenshots go to the README.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { attachMissingDocuments, samplePdf } from '../support/documents';
import { pdfText } from '../support/pdf-text';
import type { apiClient } from '../support/http';
import type { TestStack } from '../support/stack';
import {
  LAPTOP,
  TABLET,
  closeBrowserStack,
  cspViolations,
  openBrowserStack,
  screenshot,
  seriousA11yViolations,
  signInAt,
  type UserSession,
} from '../support/browser';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  ({ stack, api, browser, origin } = await openBrowserStack('browser'));
});
afterAll(() => closeBrowserStack({ stack, browser }));

const signIn = (username: string, viewport = LAPTOP): Promise<UserSession> =>
  signInAt({ browser, origin, stack }, username, viewport);

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** The inbox reads the read model, a few milliseconds behind the workflow: refresh until the dossier is there. */
async function openFromInbox(page: Page, nominee: string): Promise<void> {
  const link = page.getByRole('link', { name: nominee, exact: true });
  for (let attempt = 0; ; attempt++) {
    const found = await link.waitFor({ timeout: 1_000 }).then(
      () => true,
      () => false,
    );
    if (found) break;
    if (attempt === 30) throw new Error(`${nominee} never reached the inbox of this user`);
    await page.getByRole('button', { name: 'Làm mới' }).click();
  }
  await link.click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${nominee}` }).waitFor();
}

/** Presses an action on the dossier page, fills its dialog and confirms; waits until the dialog closes. */
async function act(page: Page, label: string, fill: (dialog: Locator) => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  try {
    await dialog.waitFor({ state: 'hidden' });
  } catch (err) {
    // Say why the dialog stayed open: the error the page shows, if any.
    const shown = await dialog
      .getByRole('alert')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `the "${label}" dialog stayed open${shown.length ? `: ${shown.join(' | ')}` : ''} (${String(err)})`,
    );
  }
}

async function statusOf(page: Page): Promise<string | null> {
  return page.locator('h1 + * [data-status]').first().getAttribute('data-status');
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator(`h1 + * [data-status="${status}"]`).first().waitFor();
}

/** The papers of the dossier page's checklist that the caller may upload and that are still missing. */
async function missingPapers(page: Page): Promise<{ code: string; name: string }[]> {
  const checklist = page.getByTestId('document-checklist');
  await checklist.waitFor();
  return checklist
    .locator('[data-testid="doc-item"][data-present="false"]')
    .filter({ has: page.getByRole('button', { name: /^Tải lên: / }) })
    .evaluateAll((els) =>
      els.map((e) => ({ code: e.getAttribute('data-code')!, name: e.querySelector('strong')?.textContent ?? '' })),
    );
}

/** Picks a file for one paper in the checklist, as the clerk's file dialog would, and waits until it shows. */
async function uploadPaper(page: Page, code: string, file = { name: `${code}.pdf`, buffer: samplePdf(code) }) {
  const item = page.locator(`[data-testid="doc-item"][data-code="${code}"]`);
  await item.locator('input[type="file"]').setInputFiles({ ...file, mimeType: 'application/pdf' });
  await page.locator(`[data-testid="doc-item"][data-code="${code}"][data-present="true"]`).waitFor();
}

/**
 * The history is the read model's (a few milliseconds behind the workflow, which the status comes from):
 * reload until the event is there.
 */
async function waitForHistory(page: Page, action: string): Promise<void> {
  for (
    let attempt = 0;
    !(await page.locator(`[data-testid="history-event"][data-action="${action}"]`).isVisible());
    attempt++
  ) {
    if (attempt === 30) throw new Error(`the ${action} event never reached the history`);
    await page.waitForTimeout(200);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByTestId('history-event').first().waitFor();
  }
}

/** dd/mm/yyyy of an instant in Vietnam, as the pages write it. */
function vnDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}

/** A draft made through the API (the pages' part under test comes after it). */
async function draftThroughApi(awardCode: string, nominee: object, papers: boolean): Promise<string> {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const res = await clerk.post('/dossiers', {
    awardCode,
    nominee,
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
    achievementYear: 2025,
  });
  expect(res.status).toBe(201);
  if (papers) await attachMissingDocuments(clerk, res.body.id);
  return res.body.id as string;
}

/** The API's throughput rows (decided per month) for a leader, to compare the dashboard with, before and after. */
async function throughputRows(leader: string): Promise<{ period: string; decided: number }[]> {
  const res = await (await api.as(leader)).get('/dashboard/throughput?period=month');
  expect(res.status).toBe(200);
  return res.body.rows;
}
/** Taken while the journey runs, before the dossier is decided (the dashboard part at the end compares). */
let throughputBefore: { period: string; decided: number }[] | null = null;

/**
 * axe once the page is still: Ant Design's buttons fade between states (0.2 s), and a colour caught halfway
 * is a contrast no user reads, so CSS transitions and animations finish first.
 */
async function expectAccessibleWhenStill(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  } catch (err) {
    // Say which animations never finished: their names and the elements they run on.
    const running = await page.evaluate(() =>
      document
        .getAnimations()
        .filter((a) => a.playState === 'running')
        .map((a) => {
          const el = (a.effect as KeyframeEffect | null)?.target as Element | null;
          const name = (a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? a.id;
          return `${name} on <${el?.tagName.toLowerCase()} class="${el?.getAttribute('class') ?? ''}">`;
        }),
    );
    throw new Error(`animations still running: ${running.join('; ')} (${String(err)})`);
  }
  await expectAccessible(page);
}

/** A browser download, read whole: its suggested name and its bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), body: readFileSync(path) };
}

/**
 * A council stage through the council pages: the secretary (already signed in) opens a session with the
 * dossier, members vote on their own session page until the threshold is passed while the secretary's page
 * shows the tally rise, the secretary closes it, the minutes PDF names the dossier.
 */
async function councilSession(secretary: UserSession, org: string, id: string, nominee: string, shot: boolean) {
  const page = secretary.page;
  // On the dossier's page: it waits for a session ("chờ phiên họp"), no approve for the secretary, a way to open one.
  const notice = page.getByTestId('council-wait');
  expect(await notice.textContent()).toContain('Chờ phiên họp Hội đồng');
  // Not offered at a council stage: only a closed session's outcome moves the dossier on.
  expect(await page.getByRole('button', { name: 'Đồng ý, chuyển tiếp' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Trả lại để bổ sung' }).count()).toBe(1);
  if (shot) {
    await expectAccessible(page);
    await screenshot(page, 'dossier-council-wait');
  }
  await notice.getByRole('link', { name: 'Mở phiên họp cho hồ sơ đang chờ' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hội đồng Thi đua – Khen thưởng' }).waitFor();
  await page.getByRole('checkbox', { name: nominee, exact: true }).check();
  const title = `Phiên họp xét khen thưởng ${org} — ${nominee}`;
  await page.getByLabel('Tên phiên họp').fill(title);
  await page.getByRole('button', { name: 'Mở phiên họp' }).click();
  await page.getByRole('heading', { level: 1, name: `Phiên họp: ${title}` }).waitFor();
  const tally = page.locator(`[data-testid="tally"][data-dossier="${id}"]`);
  expect(await tally.getAttribute('data-yes')).toBe('0');
  const required = Number(await tally.getAttribute('data-required'));
  const members = (await api.as(`${org}.council`)).get(`/councils/sessions/${page.url().split('/').pop()}`);
  expect((await members).body.memberCount).toBeGreaterThanOrEqual(required);
  expect(required).toBeGreaterThan(0);

  for (let n = 1; n <= required; n++) {
    const member = await signIn(`${org}.member${n}`, n === 2 ? TABLET : LAPTOP);
    try {
      // The open session is on the member's home page, with the dossiers that await their vote.
      const open = member.page.getByTestId('open-sessions');
      await open.getByRole('link', { name: title }).click();
      await member.page.getByRole('heading', { level: 1, name: `Phiên họp: ${title}` }).waitFor();
      await member.page
        .getByRole('radiogroup', { name: nominee })
        .getByRole('radio', { name: 'Đồng ý', exact: true })
        .check();
      if (shot && n === 1) {
        await expectAccessibleWhenStill(member.page);
        await screenshot(member.page, 'council-ballot');
      }
      await member.page.getByRole('button', { name: 'Gửi phiếu (1 hồ sơ)' }).click();
      const confirm = member.page.getByRole('dialog', { name: 'Gửi phiếu (1 hồ sơ)' });
      await confirm.getByRole('button', { name: 'Gửi phiếu (1 hồ sơ)' }).click();
      await member.page.locator(`[data-testid="voted"][data-dossier="${id}"]`).waitFor();
      if (n === 2) {
        expect(await member.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          TABLET.width,
        );
      }
    } finally {
      await member.close();
    }
    // The secretary's page polls: the tally rises without a reload.
    await page.locator(`[data-testid="tally"][data-dossier="${id}"][data-yes="${n}"]`).waitFor({ timeout: 15_000 });
  }
  expect(await tally.getAttribute('data-passed')).toBe('true');
  if (shot) {
    // The last member is absent and votes in writing: the secretary records it, and the tally shows it.
    const written = page.getByRole('button', { name: 'Ghi phiếu bằng văn bản' });
    await page.getByRole('combobox', { name: 'Thành viên vắng mặt' }).click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /Thành viên Hội đồng TĐKT 5/ })
      .click();
    await page
      .getByRole('radiogroup', { name: `Ghi phiếu bằng văn bản của thành viên vắng mặt: ${nominee}` })
      .getByRole('radio', { name: 'Không đồng ý', exact: true })
      .check();
    await written.click();
    await page.locator(`[data-testid="tally"][data-dossier="${id}"][data-cast="${required + 1}"]`).waitFor();
    expect(await tally.textContent()).toContain('Không đồng ý 1');
  }
  if (shot) {
    await expectAccessibleWhenStill(page);
    await screenshot(page, 'council-session');
  }
  await page.getByRole('button', { name: 'Kết thúc phiên họp' }).click();
  const confirm = page.getByRole('dialog', { name: 'Kết thúc phiên họp' });
  expect(await confirm.textContent()).toContain('Trả lại đơn vị để bổ sung');
  await confirm.getByRole('button', { name: 'Kết thúc phiên họp' }).click();
  await page.locator(`[data-testid="outcome"][data-dossier="${id}"][data-outcome="APPROVED"]`).waitFor();
  expect(await page.getByTestId('session-status').getAttribute('data-status')).toBe('CLOSED');
  const minutes = await downloaded(page, () =>
    page.getByRole('button', { name: 'Tải biên bản kiểm phiếu (PDF)' }).click(),
  );
  expect(minutes.name).toMatch(/^bien-ban-kiem-phieu-.*\.pdf$/);
  expect(minutes.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(await pdfText(minutes.body)).toContain(nominee.normalize('NFC'));
}

const APPROVE_LABEL: Record<string, string> = {
  DECISION: 'Ra quyết định khen thưởng',
};

describe('the web application', () => {
  test('sign-in keeps what was typed on a wrong password, explains it, and switches to English', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/dossiers`);
      // Not signed in: the login page, which then leads back where the user was going.
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'login');
      await page.getByLabel('Tên đăng nhập').fill('xa-hoang-van-thu.clerk');
      await page.getByLabel('Mật khẩu').fill('not-the-password');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(
        page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor(),
      ).resolves.toBeUndefined();
      expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('xa-hoang-van-thu.clerk');

      await page.getByText('EN', { exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByText('VI', { exact: true }).click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

      await page.getByLabel('Mật khẩu').fill(stack.demoPassword);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
      // The page renders before the router commits the address; wait for it rather than read it at once.
      await page.waitForURL((url) => url.pathname === '/dossiers', { timeout: 10_000 });
      expect(new URL(page.url()).pathname).toBe('/dossiers');

      // The web app's fallback serves deep links, but an unknown API route is still the API's JSON 404.
      const deep = await fetch(`${origin}/dossiers/some/deep/link`);
      expect(deep.status).toBe(200);
      expect(deep.headers.get('content-type')).toMatch(/text\/html/);
      const missing = await fetch(`${origin}/api/v1/no-such-route`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
    } finally {
      await context.close();
    }
  });

  test('a Prime Minister’s award travels the whole route through the pages, returned once and resubmitted', async () => {
    const nominee = `Hoàng Văn Nam ${Date.now().toString(36)}`;
    const reason = 'Thiếu báo cáo thành tích có xác nhận của cấp trình';

    // The clerk nominates: the award picker explains the award; the draft is created, then submitted.
    const clerk = await signIn('xa-hoang-van-thu.clerk');
    await expectAccessible(clerk.page);
    await clerk.page.getByRole('button', { name: 'Đề nghị khen thưởng mới' }).click();
    await clerk.page.getByRole('heading', { level: 1, name: 'Đề nghị khen thưởng' }).waitFor();
    await clerk.page.getByRole('combobox', { name: 'Hình thức khen thưởng' }).click();
    await clerk.page.keyboard.type('Thủ tướng');
    // Ant Design's listbox for screen readers is hidden; the visible list is the one a user clicks.
    await clerk.page.locator('.ant-select-item-option[title="Bằng khen của Thủ tướng Chính phủ"]').click();
    await clerk.page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    const info = clerk.page.getByTestId('award-info');
    await info.waitFor();
    expect(await info.textContent()).toMatch(/Thủ tướng/);
    expect(await info.textContent()).toMatch(/Báo cáo thành tích/);
    await clerk.page.getByLabel('Họ tên cá nhân / tên tập thể').fill(nominee);
    await clerk.page.getByLabel('Chức vụ, đơn vị công tác').fill('Chủ tịch UBND xã Hoàng Văn Thụ');
    await clerk.page.getByLabel('Tóm tắt thành tích').fill('5 năm liên tục hoàn thành xuất sắc nhiệm vụ (2021–2025)');
    await expectAccessible(clerk.page);
    await screenshot(clerk.page, 'new-nomination');
    await clerk.page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await clerk.page.getByRole('heading', { level: 1, name: `Hồ sơ: ${nominee}` }).waitFor();
    const id = new URL(clerk.page.url()).pathname.split('/').pop()!;
    expect(await statusOf(clerk.page)).toBe('DRAFT');
    // The clerk lands on the dossier page: the papers the award requires, none attached yet, and the
    // eligibility card (this nominee is not in the registry, so its criteria are "not judged").
    const papers = await missingPapers(clerk.page);
    const fromApi = await (await api.as('xa-hoang-van-thu.clerk')).get(`/dossiers/${id}/documents`);
    expect(papers.map((p) => p.code).sort()).toEqual([...(fromApi.body.missing as string[])].sort());
    expect(papers.length).toBeGreaterThan(1);
    await clerk.page.getByTestId('checklist-incomplete').waitFor();
    const eligibility = clerk.page.getByTestId('eligibility');
    await eligibility.locator('[data-testid="criterion"]').first().waitFor();
    expect(await eligibility.locator('[data-verdict="notJudged"]').count()).toBeGreaterThan(0);
    // Every paper but the last through the page: "Trình hồ sơ" waits, naming the one missing (and only it).
    const last = papers[papers.length - 1];
    const submitButton = clerk.page.getByRole('button', { name: 'Trình hồ sơ', exact: true });
    expect(await submitButton.isDisabled()).toBe(true);
    for (const paper of papers.slice(0, -1)) await uploadPaper(clerk.page, paper.code);
    const hint = clerk.page.getByTestId('submit-missing');
    await clerk.page.waitForFunction((name) => {
      const text = document.querySelector('[data-testid="submit-missing"]')?.textContent ?? '';
      return text.includes(`còn thiếu ${name}.`);
    }, last.name);
    for (const paper of papers.slice(0, -1)) expect(await hint.textContent()).not.toContain(paper.name);
    expect(await submitButton.isDisabled()).toBe(true);
    expect(await submitButton.getAttribute('aria-describedby')).toBe('submit-missing');
    expect(await statusOf(clerk.page)).toBe('DRAFT');
    await uploadPaper(clerk.page, last.code);
    await hint.waitFor({ state: 'detached' });
    await clerk.page.getByTestId('checklist-complete').waitFor();
    expect(await clerk.page.locator('[data-testid="doc-item"][data-present="true"]').count()).toBe(papers.length);
    await act(clerk.page, 'Trình hồ sơ');
    await waitForStatus(clerk.page, 'IN_PROGRESS');
    await clerk.close();

    // The route the API froze for it: every stage acts in turn, each as its own user, through the pages.
    const created = await (await api.as('xa-hoang-van-thu.clerk')).get(`/dossiers/${id}`);
    const stages = created.body.route.stages as { name: string; orgUnitCode: string; role: string }[];
    expect(stages.map((s) => `${s.name}@${s.orgUnitCode}`)).toEqual([
      'UNIT_REVIEW@xa-hoang-van-thu',
      'APPRAISAL@van-lang',
      'COUNCIL@van-lang',
      'SUBMISSION@van-lang',
      'APPRAISAL@lang-son',
      'COUNCIL@lang-son',
      'SUBMISSION@lang-son',
      'APPRAISAL@trung-uong',
      'DECISION@trung-uong',
    ]);
    let returned = false;
    for (const [i, stage] of stages.entries()) {
      const user = await signIn(`${stage.orgUnitCode}.${stage.role.toLowerCase()}`);
      await openFromInbox(user.page, nominee);
      if (i === 1) {
        await expectAccessible(user.page);
        await screenshot(user.page, 'dossier-reviewer');
      }
      if (stage.name === 'APPRAISAL' && stage.orgUnitCode === 'lang-son' && !returned) {
        // The province's appraisal returns it once, with the reason.
        await act(user.page, 'Trả lại để bổ sung', (d) => d.getByLabel('Lý do').fill(reason));
        await waitForStatus(user.page, 'RETURNED');
        await user.close();

        // The clerk sees it first on the home page, reads the reason, supplements and resubmits.
        const again = await signIn('xa-hoang-van-thu.clerk');
        await again.page.getByRole('link', { name: nominee, exact: true }).waitFor();
        await expectAccessible(again.page);
        await screenshot(again.page, 'home-clerk');
        await openFromInbox(again.page, nominee);
        const banner = again.page.getByTestId('returned-banner');
        expect(await banner.textContent()).toContain(reason);
        await expectAccessible(again.page);
        await screenshot(again.page, 'dossier-returned');
        await act(again.page, 'Nộp lại hồ sơ đã bổ sung', (d) =>
          d.getByLabel('Nội dung đã bổ sung').fill('Đã bổ sung báo cáo thành tích có xác nhận'),
        );
        await waitForStatus(again.page, 'IN_PROGRESS');
        await again.close();
        returned = true;

        // Back at the stage that returned it.
        const reviewer = await signIn(`${stage.orgUnitCode}.${stage.role.toLowerCase()}`);
        await expectAccessible(reviewer.page);
        await screenshot(reviewer.page, 'inbox-reviewer');
        await openFromInbox(reviewer.page, nominee);
        await act(reviewer.page, 'Đồng ý, chuyển tiếp');
        await reviewer.close();
        continue;
      }
      if (stage.name === 'COUNCIL') {
        // The province's council is the last stage before the decision: the dashboard's "before".
        if (stage.orgUnitCode === 'lang-son') throughputBefore = await throughputRows('lang-son.leader');
        await councilSession(user, stage.orgUnitCode, id, nominee, stage.orgUnitCode === 'van-lang');
        const moved = await (await api.as('xa-hoang-van-thu.clerk')).get(`/dossiers/${id}`);
        expect(moved.body.currentStage).toMatchObject({
          name: stages[i + 1].name,
          orgUnitCode: stages[i + 1].orgUnitCode,
        });
        await user.close();
        continue;
      }
      const label = APPROVE_LABEL[stage.name] ?? 'Đồng ý, chuyển tiếp';
      if (stage.name === 'DECISION') {
        await act(user.page, label, async (d) => {
          await d.getByLabel('Số quyết định').fill('1234/QĐ-TTg');
          // The date defaults to today and the signer to the award's decider; both must be there.
          expect(await d.getByLabel('Ngày ký').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
          expect(await d.getByLabel('Người ký').inputValue()).not.toBe('');
        });
        await waitForStatus(user.page, 'APPROVED');
        const decision = user.page.getByTestId('decision-banner');
        expect(await decision.textContent()).toContain('1234/QĐ-TTg');
        await waitForHistory(user.page, 'decide');
        const actions = await user.page
          .getByTestId('history-event')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
        expect(actions).toEqual([
          'create',
          'submit',
          'approve',
          'approve',
          'approve',
          'approve',
          'return',
          'resubmit',
          'approve',
          'approve',
          'approve',
          'approve',
          'decide',
        ]);
        await expectAccessible(user.page);
        await screenshot(user.page, 'dossier-approved');
      } else {
        await act(user.page, label);
        await waitForStatus(user.page, 'IN_PROGRESS');
      }
      await user.close();
    }
    expect(returned).toBe(true);

    // The API agrees with what the pages showed.
    const final = await (await api.as('xa-hoang-van-thu.clerk')).get(`/dossiers/${id}`);
    expect(final.body.status).toBe('APPROVED');
    expect(final.body.decision.number).toBe('1234/QĐ-TTg');

    // On a tablet, the clerk's list shows it approved, without the page scrolling sideways.
    const tablet = await signIn('xa-hoang-van-thu.clerk', TABLET);
    await tablet.page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await tablet.page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
    const row = tablet.page.getByRole('row').filter({ hasText: nominee });
    await row.locator('[data-status="APPROVED"]').waitFor();
    expect(await tablet.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await expectAccessible(tablet.page);
    await screenshot(tablet.page, 'dossiers-tablet');
    await tablet.close();

    // The province's leader (the dashboards show the caller's subtree, which holds this dossier's org chain)
    // sees it among the decisions of its month, clicks that bar, and finds it in the list behind it.
    const decideEvent = final.body.history.find((e: { action: string }) => e.action === 'decide');
    const month = `${new Date(Date.parse(decideEvent.occurredAt) + 7 * 3600_000).toISOString().slice(0, 7)}-01`;
    const decidedIn = (rows: { period: string; decided: number }[] | null) =>
      rows?.find((r) => r.period === month)?.decided ?? 0;
    expect(throughputBefore).not.toBeNull();
    const after = await throughputRows('lang-son.leader');
    expect(decidedIn(after)).toBe(decidedIn(throughputBefore) + 1);

    const leader = await signIn('lang-son.leader');
    const csp = cspViolations(leader.page);
    await leader.page.getByRole('link', { name: 'Bảng điều hành', exact: true }).click();
    await leader.page.getByRole('heading', { level: 1, name: 'Bảng điều hành' }).waitFor();
    const bar = leader.page.locator(`[data-chart="throughput"] [data-series="decided"][data-key="${month}"]`);
    await bar.waitFor();
    expect(Number(await bar.getAttribute('data-value'))).toBe(decidedIn(after));
    await leader.page.locator('[data-chart="bottlenecks"] td[data-key="COUNCIL@lang-son"]').waitFor();
    await expectAccessibleWhenStill(leader.page);
    await screenshot(leader.page, 'dashboard');
    // On a tablet the dashboard fits without scrolling sideways.
    await leader.page.setViewportSize(TABLET);
    expect(await leader.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await leader.page.setViewportSize(LAPTOP);

    const csv = await downloaded(leader.page, () =>
      leader.page.getByRole('button', { name: 'Tải CSV: Số hồ sơ theo tháng' }).click(),
    );
    expect(csv.name).toBe('throughput.csv');
    const lines = csv.body.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('period,submitted,decided,returned');
    const monthRow = after.find((r) => r.period === month)!;
    expect(lines).toContain(`${month},${Object.values(monthRow).slice(1).join(',')}`);

    await bar.click();
    await leader.page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
    const url = new URL(leader.page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ event: 'decided', from: month });
    await leader.page.getByTestId('drill-down').waitFor();
    await leader.page.getByRole('row').filter({ hasText: nominee }).locator('[data-status="APPROVED"]').waitFor();
    // The list behind the bar holds as many dossiers as the bar says.
    expect(await leader.page.locator('tbody tr[data-row-key]').count()).toBe(decidedIn(after));

    // Back on the dashboard, the bottleneck heatmap leads to the dossiers that passed the province's council.
    await leader.page.goBack();
    const council = leader.page.locator('[data-chart="bottlenecks"] td[data-key="COUNCIL@lang-son"] a');
    await council.click();
    await leader.page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
    expect(Object.fromEntries(new URL(leader.page.url()).searchParams)).toMatchObject({
      throughStage: 'COUNCIL',
      throughOrgUnit: 'lang-son',
    });
    await leader.page.getByRole('link', { name: nominee, exact: true }).waitFor();
    expect(csp).toEqual([]);
    await leader.close();
  });

  test('an approver forwards a selection of the inbox at once and sees each result', async () => {
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    const names = [1, 2].map((n) => `Tập thể Tổ ${n} ${Date.now().toString(36)}`);
    const ids: string[] = [];
    for (const name of names) {
      const res = await clerk.post('/dossiers', {
        awardCode: 'GIAY_KHEN',
        nominee: { kind: 'COLLECTIVE', name, memberCount: 12 },
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
      });
      expect(res.status).toBe(201);
      await attachMissingDocuments(clerk, res.body.id);
      expect((await clerk.post(`/dossiers/${res.body.id}/submit`)).status).toBe(200);
      ids.push(res.body.id as string);
    }
    const approver = await signIn('xa-hoang-van-thu.approver');
    try {
      for (const name of names) {
        // Both reach the inbox (the read model trails the workflow by milliseconds).
        for (let attempt = 0; !(await approver.page.getByRole('link', { name, exact: true }).isVisible()); attempt++) {
          if (attempt === 30) throw new Error(`${name} never reached the inbox`);
          await approver.page.getByRole('button', { name: 'Làm mới' }).click();
          await approver.page.waitForLoadState('networkidle');
        }
        await approver.page.getByRole('checkbox', { name, exact: true }).check();
      }
      await approver.page.getByRole('button', { name: 'Đồng ý 2 hồ sơ đã chọn' }).click();
      const dialog = approver.page.getByRole('dialog', { name: 'Đồng ý các hồ sơ đã chọn' });
      await dialog.getByRole('button', { name: 'Thực hiện' }).click();
      await dialog.getByText('Đã xử lý 2/2 hồ sơ').waitFor();
      expect(await dialog.locator('[data-testid="bulk-result"][data-state="ok"]').count()).toBe(2);
      // Carried out by one long operation on the server (a workflow), not by the page looping over Updates.
      const ops = await stack.db.query(
        `SELECT total FROM operations WHERE kind = 'ACTIONS' AND actor_username = 'xa-hoang-van-thu.approver'`,
      );
      expect(ops).toEqual([{ total: 2 }]);
    } finally {
      await approver.close();
    }
    for (const id of ids) {
      const res = await clerk.get(`/dossiers/${id}`);
      expect(res.body.currentStage).toMatchObject({ name: 'APPRAISAL', orgUnitCode: 'van-lang' });
    }
  });

  test('an action on a page that went stale fails with a plain message and keeps what was typed', async () => {
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    const name = `Lê Thị Hoa ${Date.now().toString(36)}`;
    const created = await clerk.post('/dossiers', {
      awardCode: 'GIAY_KHEN',
      nominee: { kind: 'INDIVIDUAL', name },
      achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
    });
    expect(created.status).toBe(201);
    await attachMissingDocuments(clerk, created.body.id);
    expect((await clerk.post(`/dossiers/${created.body.id}/submit`)).status).toBe(200);

    const approver = await signIn('xa-hoang-van-thu.approver');
    try {
      await openFromInbox(approver.page, name);
      // While the page is open, the nominating unit withdraws the dossier.
      expect((await clerk.post(`/dossiers/${created.body.id}/withdraw`, { reason: 'Nộp nhầm' })).status).toBe(200);

      const label = 'Trả lại để bổ sung';
      await approver.page.getByRole('button', { name: label, exact: true }).click();
      const dialog = approver.page.getByRole('dialog', { name: label });
      const typed = 'Thiếu biên bản họp xét';
      await dialog.getByLabel('Lý do').fill(typed);
      await dialog.getByRole('button', { name: label, exact: true }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Trạng thái hồ sơ đã thay đổi' }).waitFor();
      expect(await dialog.getByLabel('Lý do').inputValue()).toBe(typed);
      // Behind the dialog the page now shows where the dossier really is.
      await waitForStatus(approver.page, 'WITHDRAWN');
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await approver.page.getByText('Hồ sơ không chờ bạn xử lý ở bước này.').waitFor();
    } finally {
      await approver.close();
    }
  });

  test('the dossier page shows the papers and each criterion; a wrong file is refused plainly, a paper downloads', async () => {
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    // A registered person rated "excellent" in 2025 but without the Advanced Worker title that year: the
    // Grassroots Emulation Fighter criteria come out mixed.
    const person = await clerk.post('/nominees', {
      kind: 'INDIVIDUAL',
      key: `CCCD-${Date.now().toString(36)}`,
      name: 'Nông Thị Lan',
    });
    expect(person.status).toBe(201);
    expect(
      (await clerk.put(`/nominees/${person.body.id}/ratings`, { year: 2025, rating: 'HOAN_THANH_XUAT_SAC' })).status,
    ).toBe(200);
    const name = `Nông Thị Lan ${Date.now().toString(36)}`;
    const id = await draftThroughApi(
      'CHIEN_SI_THI_DUA_CO_SO',
      { kind: 'INDIVIDUAL', name, registryId: person.body.id },
      false,
    );
    const judged = (await clerk.get(`/dossiers/${id}/eligibility`)).body as {
      evaluated: boolean;
      results: { code: string; met: boolean; legalBasis: string }[];
    };
    expect(judged.evaluated).toBe(true);
    expect(judged.results.some((r) => r.met) && judged.results.some((r) => !r.met)).toBe(true);

    const page = (await signIn('xa-hoang-van-thu.clerk')).page;
    try {
      await page.goto(`${origin}/dossiers/${id}`);
      await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${name}` }).waitFor();
      // Each criterion as the API judged it, with its legal basis.
      const criteria = page.getByTestId('eligibility').locator('[data-testid="criterion"]');
      await criteria.first().waitFor();
      const shown = await criteria.evaluateAll((els) =>
        els.map((e) => ({
          code: e.getAttribute('data-code'),
          verdict: e.getAttribute('data-verdict'),
          text: e.textContent,
        })),
      );
      expect(shown.map((c) => [c.code, c.verdict])).toEqual(
        judged.results.map((r) => [r.code, r.met ? 'met' : 'unmet']),
      );
      for (const [i, r] of judged.results.entries()) expect(shown[i].text).toContain(r.legalBasis);
      expect(await page.getByTestId('eligibility-summary').getAttribute('data-eligible')).toBe('false');

      const papers = await missingPapers(page);
      const first = papers[0];
      const item = page.locator(`[data-testid="doc-item"][data-code="${first.code}"]`);
      // A text file and a file over the limit are refused before sending, saying why.
      await item.locator('input[type="file"]').setInputFiles({
        name: 'ghi-chu.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('ghi chú'),
      });
      await page.getByRole('alert').filter({ hasText: '“ghi-chu.txt” không đúng định dạng' }).waitFor();
      const checklist = (await clerk.get(`/dossiers/${id}/documents`)).body as { maxBytes: number };
      await item.locator('input[type="file"]').setInputFiles({
        name: 'to-trinh-lon.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.concat([samplePdf('big'), Buffer.alloc(checklist.maxBytes)]),
      });
      await page.getByRole('alert').filter({ hasText: '“to-trinh-lon.pdf” nặng' }).waitFor();
      // A file that looks like a PDF by its name but is not one: the server's refusal is shown.
      await item.locator('input[type="file"]').setInputFiles({
        name: 'gia-mao.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not a pdf at all'),
      });
      const refused = page.getByRole('alert').filter({ hasText: 'Không tải lên được “gia-mao.pdf”' });
      await refused.waitFor();
      expect(await refused.textContent()).toContain('only PDF, JPEG, PNG or DOCX');
      expect(await item.getAttribute('data-present')).toBe('false');

      const content = samplePdf(`${id} ${first.code}`);
      await uploadPaper(page, first.code, { name: 'Tờ trình số 12.pdf', buffer: content });
      await page.getByTestId('checklist-incomplete').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'dossier-checklist');

      // Someone else who may see the dossier (the unit's approver) reads and downloads, but has no upload.
      const approver = await signIn('xa-hoang-van-thu.approver');
      try {
        await approver.page.goto(`${origin}/dossiers/${id}`);
        await approver.page.getByTestId('document-checklist').waitFor();
        await approver.page
          .locator(`[data-testid="doc-item"][data-code="${first.code}"][data-present="true"]`)
          .waitFor();
        expect(await approver.page.getByRole('button', { name: /^Tải (lên|bản mới): / }).count()).toBe(0);
        const [download] = await Promise.all([
          approver.page.waitForEvent('download'),
          approver.page.getByRole('button', { name: 'Tải về Tờ trình số 12.pdf' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('Tờ trình số 12.pdf');
        const path = await download.path();
        expect(readFileSync(path).equals(content)).toBe(true);
      } finally {
        await approver.close();
      }
    } finally {
      await page.context().close();
    }
  });

  test('the stage’s approver extends its deadline through the page; the reviewer holding the stage is not offered it', async () => {
    const name = `Tập thể Tổ Gia hạn ${Date.now().toString(36)}`;
    const id = await draftThroughApi('GIAY_KHEN', { kind: 'COLLECTIVE', name, memberCount: 8 }, true);
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    expect((await clerk.post(`/dossiers/${id}/submit`)).status).toBe(200);
    expect((await (await api.as('xa-hoang-van-thu.approver')).post(`/dossiers/${id}/approve`)).status).toBe(200);
    const before = (await clerk.get(`/dossiers/${id}`)).body;
    expect(before.currentStage).toMatchObject({ name: 'APPRAISAL', orgUnitCode: 'van-lang', role: 'REVIEWER' });
    expect(before.currentStage.dueAt).toEqual(expect.any(String));

    // The reviewer who holds the stage may approve it, but the API lets only the org's approver extend.
    const reviewer = await signIn('van-lang.reviewer');
    try {
      await openFromInbox(reviewer.page, name);
      await reviewer.page.getByRole('button', { name: 'Đồng ý, chuyển tiếp', exact: true }).waitFor();
      expect(await reviewer.page.getByRole('button', { name: 'Gia hạn xử lý' }).count()).toBe(0);
      expect(await reviewer.page.getByTestId('stage-due').textContent()).toContain(vnDate(before.currentStage.dueAt));
    } finally {
      await reviewer.close();
    }

    const approver = await signIn('van-lang.approver');
    try {
      await approver.page.goto(`${origin}/dossiers/${id}`);
      await approver.page.getByRole('heading', { level: 1, name: `Hồ sơ: ${name}` }).waitFor();
      const reason = 'Chờ ý kiến hiệp y của Ban Thi đua – Khen thưởng tỉnh';
      await approver.page.getByRole('button', { name: 'Gia hạn xử lý', exact: true }).click();
      const dialog = approver.page.getByRole('dialog', { name: 'Gia hạn xử lý' });
      await dialog.getByText(`Hạn hiện tại: ${vnDate(before.currentStage.dueAt)}`).waitFor();
      // Without a reason the dialog says so and sends nothing.
      await dialog.getByRole('button', { name: 'Gia hạn xử lý', exact: true }).click();
      await dialog.getByText('Vui lòng nhập lý do').waitFor();
      await dialog.getByLabel('Lý do').fill(reason);
      await dialog.getByLabel('Số ngày làm việc gia hạn').fill('5');
      await expectAccessible(approver.page);
      await dialog.getByRole('button', { name: 'Gia hạn xử lý', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const after = (await clerk.get(`/dossiers/${id}`)).body;
      expect(Date.parse(after.currentStage.dueAt)).toBeGreaterThan(Date.parse(before.currentStage.dueAt));
      const due = approver.page.getByTestId('stage-due');
      await due.getByText(vnDate(after.currentStage.dueAt)).waitFor();
      // The history keeps who extended it and why.
      await waitForHistory(approver.page, 'extend');
      const extension = await approver.page.locator('[data-action="extend"]').textContent();
      expect(extension).toContain(reason);
      expect(extension).toContain(`${vnDate(before.currentStage.dueAt)} → ${vnDate(after.currentStage.dueAt)}`);
    } finally {
      await approver.close();
    }
  });

  test('a clerk submits a list of drafts in one go: two go, one is reported with the papers it misses', async () => {
    const stamp = Date.now().toString(36);
    const names = [1, 2, 3].map((n) => `Tổ công tác số ${n} ${stamp}`);
    const ids: string[] = [];
    // The third is left without its papers.
    for (const [i, name] of names.entries()) {
      ids.push(await draftThroughApi('GIAY_KHEN', { kind: 'COLLECTIVE', name, memberCount: 6 }, i < 2));
    }
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    const missing = (await clerk.get(`/dossiers/${ids[2]}/documents`)).body as {
      items: { code: string; name: string }[];
      missing: string[];
    };
    expect(missing.missing.length).toBeGreaterThan(0);

    const session = await signIn('xa-hoang-van-thu.clerk', TABLET);
    const { page } = session;
    try {
      // On a tablet the menu still fits on the header's one line.
      const link = page.getByRole('link', { name: 'Trình theo danh sách' });
      const box = (await link.boundingBox())!;
      const header = (await page.locator('header').boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Trình hồ sơ theo danh sách' }).waitFor();
      for (const name of names) {
        for (let attempt = 0; !(await page.getByRole('checkbox', { name, exact: true }).isVisible()); attempt++) {
          if (attempt === 30) throw new Error(`${name} never reached the list of drafts`);
          await page.getByRole('button', { name: 'Làm mới' }).click();
          await page.waitForLoadState('networkidle');
        }
        await page.getByRole('checkbox', { name, exact: true }).check();
      }
      await page.getByLabel('Ý kiến kèm theo (ví dụ số tờ trình)').fill('Tờ trình số 15/TTr-UBND');
      await page.getByRole('button', { name: 'Trình 3 hồ sơ đã chọn' }).click();
      const results = page.getByTestId('batch-results');
      await results.getByText('Đã trình 2/3 hồ sơ; 1 hồ sơ chưa trình được', { exact: false }).waitFor();
      for (const [i, id] of ids.entries()) {
        const row = results.locator(`[data-testid="batch-result"][data-id="${id}"]`);
        expect(await row.getAttribute('data-state')).toBe(i < 2 ? 'ok' : 'error');
      }
      const failed = await results.locator(`[data-testid="batch-result"][data-id="${ids[2]}"]`).textContent();
      for (const code of missing.missing) {
        expect(failed).toContain(`Còn thiếu: ${missing.items.find((i) => i.code === code)!.name}`);
      }
      // The one left to do stays selected for another try; the page fits the tablet.
      expect(await page.getByRole('checkbox', { name: names[2], exact: true }).isChecked()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
      // The results scrolled in under the pointer: move it off them, so the page is checked as it rests.
      await page.mouse.move(1, header.y + header.height + 4);
      await expectAccessible(page);
      await screenshot(page, 'batch-submission');
    } finally {
      await session.close();
    }
    const states = await Promise.all(ids.map(async (id) => (await clerk.get(`/dossiers/${id}`)).body));
    expect(states.map((d) => d.status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'DRAFT']);
    // The comment went with each submission (the history is the read model's, a few milliseconds behind).
    for (let attempt = 0; ; attempt++) {
      const history = (await clerk.get(`/dossiers/${ids[0]}`)).body.history as { action: string; comment: string }[];
      const submitted = history.find((e) => e.action === 'submit');
      if (submitted) {
        expect(submitted.comment).toBe('Tờ trình số 15/TTr-UBND');
        break;
      }
      if (attempt === 50) throw new Error('the submission never reached the history');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
