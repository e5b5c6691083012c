import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { CalendarAnnouncements1764300000000 } from './1764300000000-calendar-announcements';
import { Deadlines1764300000001 } from './1764300000001-deadlines';
import { NotificationDelivery1764300000002 } from './1764300000002-notification-delivery';
import { StagePassages1764300000003 } from './1764300000003-stage-passages';

/** In order. Listed as classes (not globs) so the same list works from ts-jest, swc and compiled JS. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  CalendarAnnouncements1764300000000,
  Deadlines1764300000001,
  NotificationDelivery1764300000002,
  StagePassages1764300000003,
];
