import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { CalendarAnnouncements1764300000000 } from './1764300000000-calendar-announcements';
import { Deadlines1764300000001 } from './1764300000001-deadlines';
import { NotificationDelivery1764300000002 } from './1764300000002-notification-delivery';
import { StagePassages1764300000003 } from './1764300000003-stage-passages';
import { NomineeRegistry1764400000000 } from './1764400000000-nominee-registry';
import { Documents1764400000001 } from './1764400000001-documents';
import { Councils1764400000002 } from './1764400000002-councils';
import { Campaigns1764400000003 } from './1764400000003-campaigns';
import { Decisions1764400000004 } from './1764400000004-decisions';
import { RefreshTokens1764500000000 } from './1764500000000-refresh-tokens';
import { AuditChain1764500000001 } from './1764500000001-audit-chain';
import { Substitutions1764500000002 } from './1764500000002-substitutions';
import { Reorganisations1764600000000 } from './1764600000000-reorganisations';
import { DashboardAggregates1764710000000 } from './1764710000000-dashboard-aggregates';
import { DossierListIndex1764710000001 } from './1764710000001-dossier-list-index';
import { DashboardApprovalMonths1764720000000 } from './1764720000000-dashboard-approval-months';
import { DashboardPriorityClass1764720000001 } from './1764720000001-dashboard-priority-class';
import { DashboardBottlenecks1764730000000 } from './1764730000000-dashboard-bottlenecks';
import { DashboardSerialisedWrites1764730000001 } from './1764730000001-dashboard-serialised-writes';
import { DashboardWriter1764800000000 } from './1764800000000-dashboard-writer';
import { DashboardTriggersRetired1764800000001 } from './1764800000001-dashboard-triggers-retired';
import { Operations1764900000000 } from './1764900000000-operations';
import { CountedEventsIndex1765000000000 } from './1765000000000-counted-events-index';
import { ApprovalYears1765000000001 } from './1765000000001-approval-years';

/** In order. Listed as classes (not globs) so the same list works from ts-jest, swc and compiled JS. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  CalendarAnnouncements1764300000000,
  Deadlines1764300000001,
  NotificationDelivery1764300000002,
  StagePassages1764300000003,
  NomineeRegistry1764400000000,
  Documents1764400000001,
  Councils1764400000002,
  Campaigns1764400000003,
  Decisions1764400000004,
  RefreshTokens1764500000000,
  AuditChain1764500000001,
  Substitutions1764500000002,
  Reorganisations1764600000000,
  DashboardAggregates1764710000000,
  DossierListIndex1764710000001,
  DashboardApprovalMonths1764720000000,
  DashboardPriorityClass1764720000001,
  DashboardBottlenecks1764730000000,
  DashboardSerialisedWrites1764730000001,
  DashboardWriter1764800000000,
  DashboardTriggersRetired1764800000001,
  Operations1764900000000,
  CountedEventsIndex1765000000000,
  ApprovalYears1765000000001,
];
