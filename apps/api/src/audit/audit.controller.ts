import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { Roles } from '../auth/roles';
import { AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('ADMIN', 'LEADER')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chains of the event log (ADMIN: all; LEADER: their subtree)' })
  verify(@CurrentUser() user: AuthUser, @Query() q: AuditQuery) {
    return this.audit.verify(user, q);
  }

  @Get('events')
  @ApiOperation({ summary: 'The event log per dossier, or per org and period, as JSON or CSV' })
  async events(@CurrentUser() user: AuthUser, @Query() q: AuditQuery, @Res({ passthrough: true }) res: Response) {
    const rows = await this.audit.events(user, q);
    if (q.format !== 'csv') return rows;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-${q.dossierId ?? q.org ?? user.orgUnitCode}.csv"`,
    );
    // A byte-order mark so spreadsheet programs read the Vietnamese text as UTF-8.
    return '\uFEFF' + stringify(rows, { header: true });
  }
}
