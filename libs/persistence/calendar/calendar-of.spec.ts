import { VIETNAM_ANNOUNCEMENTS, type YearAnnouncement } from '../../calendar';
import { calendarOf } from '.';

describe('calendarOf', () => {
  it('reuses the calendar while the announcements are the same, and builds one of the new ones when they change', () => {
    const same = structuredClone(VIETNAM_ANNOUNCEMENTS) as YearAnnouncement[];
    const first = calendarOf(VIETNAM_ANNOUNCEMENTS);
    expect(calendarOf(same)).toBe(first);
    // Monday 2 Nov 2026 is a working day until an announcement gives it off.
    expect(first.isWorkingDay('2026-11-02')).toBe(true);
    const edited = same.map((a) => (a.year === 2026 ? { ...a, extraDaysOff: [...a.extraDaysOff, '2026-11-02'] } : a));
    expect(edited.some((a) => a.extraDaysOff.includes('2026-11-02'))).toBe(true);
    const second = calendarOf(edited);
    expect(second).not.toBe(first);
    expect(second.isWorkingDay('2026-11-02')).toBe(false);
    expect(calendarOf(VIETNAM_ANNOUNCEMENTS)).not.toBe(second);
    expect(calendarOf(VIETNAM_ANNOUNCEMENTS).isWorkingDay('2026-11-02')).toBe(true);
  });
});
