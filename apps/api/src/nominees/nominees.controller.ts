import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/params';
import {
  CollectiveYearDto,
  CreateNomineeDto,
  ImportAwardsDto,
  InitiativeDto,
  PastAwardDto,
  RatingDto,
  RestrictionDto,
} from './nominees.dto';
import { NomineesService } from './nominees.service';

@ApiTags('nominees')
@ApiBearerAuth()
@Controller('nominees')
export class NomineesController {
  constructor(private readonly nominees: NomineesService) {}

  @Post()
  @ApiOperation({ summary: 'Register a nominee (CLERK or ADMIN), at an org of the caller’s subtree' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateNomineeDto) {
    return this.nominees.create(user, dto);
  }

  @Post('import-awards')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import past awards from CSV; one result per line' })
  importAwards(@CurrentUser() user: AuthUser, @Body() dto: ImportAwardsDto) {
    return this.nominees.importAwards(user, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A nominee’s record: awards, ratings, initiatives, restrictions, collective results' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.nominees.view(user, id);
  }

  @Put(':id/ratings')
  @ApiOperation({ summary: 'Record a yearly rating (xếp loại)' })
  rating(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: RatingDto) {
    return this.nominees.setRating(user, id, dto);
  }

  @Post(':id/awards')
  @ApiOperation({ summary: 'Record a past award (source IMPORT)' })
  award(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: PastAwardDto) {
    return this.nominees.addAward(user, id, dto);
  }

  @Post(':id/initiatives')
  @ApiOperation({ summary: 'Register an initiative (sáng kiến); it may serve one award only' })
  initiative(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: InitiativeDto) {
    return this.nominees.addInitiative(user, id, dto);
  }

  @Post(':id/restrictions')
  @ApiOperation({ summary: 'Record a discipline or investigation period' })
  restriction(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: RestrictionDto) {
    return this.nominees.addRestriction(user, id, dto);
  }

  @Put(':id/collective-years')
  @ApiOperation({ summary: 'Record a collective’s yearly member results' })
  collectiveYear(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: CollectiveYearDto) {
    return this.nominees.setCollectiveYear(user, id, dto);
  }
}
