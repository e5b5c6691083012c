import { WorkingCalendar, createVietnamCalendar, type YearAnnouncement } from '../../libs/calendar';
import { loadAnnouncements } from '../../libs/persistence/calendar';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('calendar');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

describe('calendar API', () => {
  it('answers from the announcements the seed stored, as the calendar library computes them', async () => {
    const reader = await api.as('lang-son.leader');
    const shipped = createVietnamCalendar();
    for (const year of [2024, 2025, 2026, 2030]) {
      const res = await reader.get(`/calendar/holidays?year=${year}`);
      expect(res.status).toBe(200);
      expect(res.body.holidays).toEqual(shipped.holidays(year));
      expect(res.body.workingWeekendDays).toEqual(shipped.workingWeekendDaysOf(year));
    }
    // Across Tết Ất Tỵ 2025 (25 Jan – 2 Feb off, as announced): Friday 24 Jan + 1 working day is Monday 3 Feb.
    const across = await reader.get('/calendar/add-working-days?from=2025-01-24&days=1');
    expect(across.body).toEqual({ date: '2025-02-03' });
    // The 2025 swap: Saturday 26 Apr was worked, Friday 2 May was off.
    const swap = await reader.get('/calendar/working-days-between?from=2025-04-25&to=2025-05-05');
    expect(swap.body).toEqual({ days: shipped.workingDaysBetween('2025-04-25', '2025-05-05') });
    expect(swap.body.days).toBe(4); // Sat 26, Mon 28, Tue 29 Apr and Mon 5 May: 30 Apr – 4 May off
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const reader = await api.as('lang-son.leader');
    const bad = [
      ['/calendar/holidays?year=1990', 'year'],
      ['/calendar/holidays', 'year'],
      ['/calendar/add-working-days?from=2025-02-30&days=1', 'from'],
      ['/calendar/add-working-days?from=2025-02-03&days=1.5', 'days'],
      ['/calendar/working-days-between?from=2025-02-03', 'to'],
    ] as const;
    for (const [path, field] of bad) {
      const res = await reader.get(path);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await api.anonymous().get('/calendar/holidays?year=2026')).status).toBe(401);
  });

  it('lets only an ADMIN store a year’s announcement, validates it, and uses it at once', async () => {
    const year = 2031;
    const announcement: Omit<YearAnnouncement, 'year'> = {
      extraDaysOff: ['2031-05-02'],
      workingSaturdays: ['2031-05-10'],
      legalBasis: 'test notice',
      verified: false,
    };
    const leader = await api.as('lang-son.leader');
    const put = (who: typeof leader, body: object) => who.put(`/calendar/announcements/${year}`, body);
    expect((await put(leader, announcement)).status).toBe(403);

    const admin = await api.as('admin');
    // Not a weekday: the calendar's own check refuses it.
    const refused = await put(admin, { ...announcement, extraDaysOff: ['2031-05-03'] });
    expect(refused.status).toBe(400);
    expect(refused.body.fields[0].field).toBe('announcement');
    expect((await put(admin, { ...announcement, workingSaturdays: ['31/05/2031'] })).status).toBe(400);

    const before = await leader.get('/calendar/working-days-between?from=2031-04-29&to=2031-05-12');
    const saved = await put(admin, announcement);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ year, ...announcement });
    expect((await admin.get(`/calendar/announcements/${year}`)).body).toEqual({ year, ...announcement });

    const stored = await loadAnnouncements(stack.db);
    const expected = new WorkingCalendar(stored);
    expect(stored.find((a) => a.year === year)).toEqual({ year, ...announcement });
    const after = await leader.get('/calendar/working-days-between?from=2031-04-29&to=2031-05-12');
    expect(after.body).toEqual({ days: expected.workingDaysBetween('2031-04-29', '2031-05-12') });
    // Friday 2 May off and Saturday 10 May worked: the count is unchanged, but the days moved.
    expect(after.body.days).toBe(before.body.days);
    const fromFirst = await leader.get('/calendar/add-working-days?from=2031-05-01&days=1');
    expect(fromFirst.body).toEqual({ date: '2031-05-05' });
  });
});
