import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { FormatQuery, OverdueQuery, PriorityShareQuery, ThroughputQuery } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

type Row = Record<string, string | number | boolean | null>;

/** JSON, or with ?format=csv the same figures as a CSV table (header row, one line per figure). */
function respond<T>(res: Response, format: string | undefined, name: string, body: T, rows: (b: T) => Row[]) {
  if (format !== 'csv') return body;
  const table = rows(body);
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return stringify(table, { header: true, columns: table.length ? Object.keys(table[0]) : [] });
}

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @ApiOperation({ summary: 'Counts by status, stage and level, and overdue counts, in the caller’s subtree' })
  async summary(@CurrentUser() user: AuthUser, @Query() q: FormatQuery, @Res({ passthrough: true }) res: Response) {
    return respond(res, q.format, 'summary', await this.dashboard.summary(user), (s) => [
      ...Object.entries(s.byStatus).map(([key, count]) => ({ section: 'status', key, count, overdue: null })),
      ...s.inProgressByStage.map((r) => ({ section: 'stage', key: r.key, count: r.count, overdue: r.overdue })),
      ...s.inProgressByLevel.map((r) => ({ section: 'level', key: r.key, count: r.count, overdue: r.overdue })),
      { section: 'total', key: 'all', count: s.total, overdue: s.overdue },
    ]);
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Dossiers past due, most overdue first, with who must act' })
  async overdue(@CurrentUser() user: AuthUser, @Query() q: OverdueQuery, @Res({ passthrough: true }) res: Response) {
    return respond(res, q.format, 'overdue', await this.dashboard.overdue(user, q), (b) =>
      b.items.map((i) => ({ ...i, mustAct: i.mustAct.join(' ') })),
    );
  }

  @Get('bottlenecks')
  @ApiOperation({
    summary: 'Per stage and org: how many wait now, the oldest wait, median and p90 working days, return rate',
  })
  async bottlenecks(@CurrentUser() user: AuthUser, @Query() q: FormatQuery, @Res({ passthrough: true }) res: Response) {
    return respond(res, q.format, 'bottlenecks', await this.dashboard.bottlenecks(user), (b) => b.items as never);
  }

  @Get('throughput')
  @ApiOperation({ summary: 'Submitted, decided (approved or rejected) and returned per week or month (Vietnam time)' })
  async throughput(
    @CurrentUser() user: AuthUser,
    @Query() q: ThroughputQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(res, q.format, 'throughput', await this.dashboard.throughput(user, q), (b) => b.rows as never);
  }

  @Get('priority-share')
  @ApiOperation({
    summary: 'Share of approved awards that went to direct workers and small collectives, by nominating org and period',
  })
  async priorityShare(
    @CurrentUser() user: AuthUser,
    @Query() q: PriorityShareQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(res, q.format, 'priority-share', await this.dashboard.priorityShare(user, q), (b) =>
      [...b.rows, ...b.totals].map((r) => ({ ...r, orgUnitCode: r.orgUnitCode ?? 'ALL' })),
    );
  }
}
