import type { YearAnnouncement } from './working-calendar';

/**
 * The government's yearly holiday arrangements for cán bộ, công chức, viên chức (state bodies), as data.
 *
 * Only what the statute leaves open is recorded: which weekdays are the five days of Tết and which neighbour of
 * 2 Sep is the second National Day (Labour Code 2019 Art. 112(3)), plus swapped days. Everything the Code
 * itself decides (1 Jan, Giỗ Tổ, 30/4, 1/5, make-up days for weekend holidays) is computed, so a year is
 * listed here only if it announced something. `tetDaysOff` lists the weekdays off; the announced break also
 * covers the weekends around them, which are rest days anyway.
 *
 * `verified: true` means the dates were checked against published reports of the decision (state media
 * quoting the Government Office or ministry notice), not against the notice's own text; the document numbers
 * are given where a report quoted them and left out where it did not, rather than guessed. Before relying on a
 * year for a legal deadline, check it against the notice. Add each year when its notice is out (usually in
 * October–December of the year before; 30/4 swaps sometimes only in spring).
 */
export const VIETNAM_ANNOUNCEMENTS: readonly YearAnnouncement[] = [
  {
    year: 2020,
    extraDaysOff: [],
    workingSaturdays: [],
    // Thu 23 Jan (29 Chạp Kỷ Hợi) – Wed 29 Jan (mùng 5 Canh Tý), 7 days with the weekend.
    tetDaysOff: ['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29'],
    note: 'Tết Canh Tý: 23–29 Jan 2020. National Day was still one day (Labour Code 2012).',
    legalBasis: "Prime Minister's decision (Oct 2019), announced by the Ministry of Labour (MOLISA)",
    verified: true,
  },
  {
    year: 2021,
    extraDaysOff: [],
    workingSaturdays: [],
    // Wed 10 Feb (29 Chạp Canh Tý) – Tue 16 Feb (mùng 5 Tân Sửu).
    tetDaysOff: ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'],
    nationalDayAdjacent: '2021-09-03',
    note: 'Tết Tân Sửu: 10–16 Feb 2021. National Day: Thu 2 – Sun 5 Sep (first year of the second day).',
    legalBasis: "Prime Minister's decision (Nov 2020), announced by MOLISA",
    verified: true,
  },
  {
    year: 2022,
    extraDaysOff: [],
    workingSaturdays: [],
    // Mon 31 Jan (29 Chạp Tân Sửu) – Fri 4 Feb (mùng 4 Nhâm Dần); with the weekends, 29 Jan – 6 Feb.
    tetDaysOff: ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'],
    nationalDayAdjacent: '2022-09-01',
    note: 'Tết Nhâm Dần: 31 Jan – 4 Feb 2022 (weekdays). National Day: Thu 1 – Sun 4 Sep.',
    legalBasis: 'Deputy Prime Minister Vũ Đức Đam, Government Office notice on Tết and National Day 2022',
    verified: true,
  },
  {
    year: 2023,
    extraDaysOff: [],
    workingSaturdays: [],
    // Fri 20 Jan (29 Chạp Nhâm Dần) – Thu 26 Jan (mùng 5 Quý Mão).
    tetDaysOff: ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'],
    nationalDayAdjacent: '2023-09-01',
    note:
      'Tết Quý Mão: 20–26 Jan 2023. National Day: Fri 1 – Mon 4 Sep (2 Sep a Saturday, made up on 4 Sep). ' +
      '29 Apr – 3 May off by the statute alone: Giỗ Tổ on Sat 29 Apr and 30 Apr on Sunday were made up on 2 and 3 May.',
    legalBasis:
      'Deputy Prime Minister Vũ Đức Đam, Government Office document of 1 Dec 2022 on Tết and National Day 2023',
    verified: true,
  },
  {
    year: 2024,
    extraDaysOff: ['2024-04-29'],
    workingSaturdays: ['2024-05-04'],
    // Thu 8 Feb (29 Chạp Quý Mão) – Wed 14 Feb (mùng 5 Giáp Thìn).
    tetDaysOff: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
    nationalDayAdjacent: '2024-09-03',
    note:
      'Tết Giáp Thìn: 8–14 Feb 2024. 30/4–1/5: Mon 29 Apr off, worked on Sat 4 May (27 Apr – 1 May off). ' +
      'National Day: Sat 31 Aug – Tue 3 Sep.',
    legalBasis:
      "Prime Minister's decision (Nov 2023) on Tết and National Day 2024; Government Office Official Dispatch " +
      '2450/VPCP-KGVX (Apr 2024) on the 29 Apr swap',
    verified: true,
  },
  {
    year: 2025,
    extraDaysOff: ['2025-05-02'],
    workingSaturdays: ['2025-04-26'],
    // Mon 27 Jan (28 Chạp Giáp Thìn; that Chạp had 29 days) – Fri 31 Jan (mùng 3 Ất Tỵ); with the weekends,
    // Sat 25 Jan – Sun 2 Feb, 9 days.
    tetDaysOff: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    nationalDayAdjacent: '2025-09-01',
    note:
      'Tết Ất Tỵ: 25 Jan – 2 Feb 2025 with weekends. 30/4–1/5: Fri 2 May off, worked on Sat 26 Apr ' +
      '(30 Apr – 4 May off). National Day: Sat 30 Aug – Tue 2 Sep.',
    legalBasis:
      "Prime Minister's decisions on the 2025 holidays (Tết and National Day; the 2 May / 26 Apr swap), " +
      'announced by MOLISA',
    verified: true,
  },
  {
    year: 2026,
    extraDaysOff: ['2026-01-02', '2026-08-31'],
    workingSaturdays: ['2026-01-10', '2026-08-22'],
    // Mon 16 Feb (29 Chạp Ất Tỵ) – Fri 20 Feb (mùng 4 Bính Ngọ); with the weekends, 14–22 Feb, 9 days.
    tetDaysOff: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    nationalDayAdjacent: '2026-09-01',
    note:
      'New Year: Thu 1 – Sun 4 Jan, Fri 2 Jan worked on Sat 10 Jan. Tết Bính Ngọ: 14–22 Feb 2026 with weekends. ' +
      'National Day: Sat 29 Aug – Wed 2 Sep, Mon 31 Aug worked on Sat 22 Aug.',
    legalBasis:
      'Ministry of Home Affairs Notice 9441/TB-BNV of 16 Oct 2025 (Tết and National Day 2026); Government ' +
      'Office Official Dispatch 12729/VPCP-KGVX of 25 Dec 2025 (New Year 2026)',
    verified: true,
  },
];
