import type { Campaign } from '../../../apps/web/src/api/types';
import { campaignsClosingSoon, vietnamToday } from '../../../apps/web/src/logic/due-this-week';

const c = (code: string, opensOn: string, closesOn: string): Campaign => ({
  code,
  name: `Đợt ${code}`,
  kind: 'THEMATIC',
  opensOn,
  closesOn,
  awardCodes: ['GIAY_KHEN'],
  orgUnitCode: 'van-lang',
});

describe('campaignsClosingSoon', () => {
  it('keeps the open ones closing within 7 days, soonest first, with the days left', () => {
    const list = [
      c('A', '2026-11-01', '2026-12-10'), // 6 days left: due
      c('B', '2026-11-01', '2026-12-04'), // closes today: due
      c('C', '2026-11-01', '2026-12-11'), // 7 days left: next week
      c('D', '2026-11-01', '2026-12-03'), // closed yesterday
      c('E', '2026-12-05', '2026-12-06'), // not open yet
    ];
    expect(campaignsClosingSoon(list, '2026-12-04').map((x) => [x.campaign.code, x.daysLeft])).toEqual([
      ['B', 0],
      ['A', 6],
    ]);
  });

  it('counts today in Vietnam, not in the browser’s zone', () => {
    expect(vietnamToday(Date.parse('2026-12-04T17:30:00Z'))).toBe('2026-12-05');
    expect(vietnamToday(Date.parse('2026-12-04T16:59:59Z'))).toBe('2026-12-04');
  });
});
