import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The government's yearly holiday announcements (Tết days, swapped days, working Saturdays) as data an ADMIN
 * edits, one row per year; the statutory holidays themselves are computed by libs/calendar.
 */
export class CalendarAnnouncements1764300000000 implements MigrationInterface {
  name = 'CalendarAnnouncements1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_announcements (
        year int PRIMARY KEY CHECK (year BETWEEN 2014 AND 2199),
        extra_days_off date[] NOT NULL DEFAULT '{}',
        working_saturdays date[] NOT NULL DEFAULT '{}',
        tet_days_off date[] NULL,
        national_day_adjacent date NULL,
        note text NULL,
        legal_basis text NULL,
        verified boolean NOT NULL DEFAULT false,
        updated_by varchar(128) NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_announcements`);
  }
}
