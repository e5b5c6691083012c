import type { DataSource, EntityManager } from 'typeorm';
import { WorkingCalendar, type YearAnnouncement } from '../../calendar';

interface AnnouncementRow {
  year: number;
  extra_days_off: string[];
  working_saturdays: string[];
  tet_days_off: string[] | null;
  national_day_adjacent: string | null;
  note: string | null;
  legal_basis: string | null;
  verified: boolean;
}

// Dates as text: a `date` column through pg would become a JS Date at local midnight and drift with TZ.
const SELECT = `SELECT year, extra_days_off::text[] AS extra_days_off, working_saturdays::text[] AS working_saturdays,
  tet_days_off::text[] AS tet_days_off, national_day_adjacent::text AS national_day_adjacent, note, legal_basis, verified
  FROM calendar_announcements`;

function fromRow(r: AnnouncementRow): YearAnnouncement {
  const a: YearAnnouncement = {
    year: r.year,
    extraDaysOff: r.extra_days_off,
    workingSaturdays: r.working_saturdays,
    verified: r.verified,
  };
  if (r.tet_days_off) a.tetDaysOff = r.tet_days_off;
  if (r.national_day_adjacent) a.nationalDayAdjacent = r.national_day_adjacent;
  if (r.note) a.note = r.note;
  if (r.legal_basis) a.legalBasis = r.legal_basis;
  return a;
}

export async function loadAnnouncements(db: DataSource | EntityManager, year?: number): Promise<YearAnnouncement[]> {
  const rows: AnnouncementRow[] =
    year === undefined
      ? await db.query(`${SELECT} ORDER BY year`)
      : await db.query(`${SELECT} WHERE year = $1`, [year]);
  return rows.map(fromRow);
}

let last: { key: string; calendar: WorkingCalendar } | null = null;

/**
 * The calendar of these announcements: the one built last time when they are the same, else a new one. A
 * calendar is immutable from outside and fills its per-year tables (holidays, running counts of working days)
 * as it is asked, so a reused one answers from them; a new one per request rebuilt them for every year a
 * dashboard's old passages reach back to (half the bottlenecks dashboard's own CPU at 1,000,000 dossiers). An
 * ADMIN's edit changes the announcements, so the next request gets a calendar of the new ones.
 */
export function calendarOf(announcements: readonly YearAnnouncement[]): WorkingCalendar {
  const key = JSON.stringify(announcements);
  if (last?.key !== key) last = { key, calendar: new WorkingCalendar(announcements) };
  return last.calendar;
}

/** The working calendar as the announcements in PostgreSQL make it now. */
export async function loadWorkingCalendar(db: DataSource | EntityManager): Promise<WorkingCalendar> {
  return calendarOf(await loadAnnouncements(db));
}

/**
 * Writes one year's announcement. `overwrite: false` (the seed) keeps what an ADMIN already stored;
 * `true` (the API) replaces it.
 */
export async function saveAnnouncement(
  db: DataSource | EntityManager,
  a: YearAnnouncement,
  opts: { overwrite: boolean; updatedBy?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO calendar_announcements (year, extra_days_off, working_saturdays, tet_days_off, national_day_adjacent,
       note, legal_basis, verified, updated_by, updated_at)
     VALUES ($1, $2::date[], $3::date[], $4::date[], $5::date, $6, $7, $8, $9, now())
     ON CONFLICT (year) DO ${
       opts.overwrite
         ? `UPDATE SET extra_days_off = EXCLUDED.extra_days_off, working_saturdays = EXCLUDED.working_saturdays,
              tet_days_off = EXCLUDED.tet_days_off, national_day_adjacent = EXCLUDED.national_day_adjacent,
              note = EXCLUDED.note, legal_basis = EXCLUDED.legal_basis, verified = EXCLUDED.verified,
              updated_by = EXCLUDED.updated_by, updated_at = now()`
         : 'NOTHING'
     }`,
    [
      a.year,
      a.extraDaysOff,
      a.workingSaturdays,
      a.tetDaysOff ?? null,
      a.nationalDayAdjacent ?? null,
      a.note ?? null,
      a.legalBasis ?? null,
      a.verified ?? false,
      opts.updatedBy ?? null,
    ],
  );
}
