import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/params';
import { DossiersService } from '../dossiers/dossiers.service';
import { EligibilityService } from './eligibility.service';

@ApiTags('eligibility')
@ApiBearerAuth()
@Controller('dossiers')
export class EligibilityController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly eligibility: EligibilityService,
  ) {}

  @Get(':id/eligibility')
  @ApiOperation({ summary: 'Criterion-by-criterion eligibility of the nominee, with the legal basis of each' })
  async get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.eligibility.forDossier(await this.dossiers.visibleState(user, id));
  }
}
