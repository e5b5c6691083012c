import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { CreateCampaignDto, QuotaDto } from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

const CODE = /^[A-Z0-9_-]{1,64}$/;

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a campaign (LEADER or ADMIN): kind, window, admitted awards, org scope' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns that reach the caller or that the caller manages' })
  list(@CurrentUser() user: AuthUser) {
    return this.campaigns.list(user);
  }

  @Put(':code/quotas')
  @ApiOperation({ summary: 'Set a quota of the campaign for an org subtree and award (off unless set)' })
  quota(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: QuotaDto) {
    if (!CODE.test(code)) throw AppError.field('code', 'must be a campaign code');
    return this.campaigns.setQuota(user, code, dto);
  }

  @Get(':code/quotas')
  @ApiOperation({ summary: 'The quotas of a campaign' })
  quotas(@Param('code') code: string) {
    if (!CODE.test(code)) throw AppError.field('code', 'must be a campaign code');
    return this.campaigns.quotas(code);
  }
}
