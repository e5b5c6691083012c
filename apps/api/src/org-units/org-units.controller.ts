import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface OrgUnitView {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'The org tree: every active org unit with its level and parent' })
  list(): Promise<OrgUnitView[]> {
    return this.ds.query(
      `SELECT o.code, o.name, o.level, p.code AS "parentCode"
       FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id
       WHERE o.active ORDER BY o.code`,
    );
  }
}
