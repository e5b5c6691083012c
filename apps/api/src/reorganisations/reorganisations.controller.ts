import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { followAt } from '../operations/operations.service';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { Roles } from '../auth/roles';
import { IdempotencyKey, UuidParam } from '../common/params';
import { ReorganisationDto } from './reorganisation.dto';
import { ReorganisationsService } from './reorganisations.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/reorganisations')
export class ReorganisationsController {
  constructor(private readonly reorganisations: ReorganisationsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Merge org units or abolish one; 202, and every dossier in flight under them continues on its new route, ' +
      'rerouted by a long operation (Location: /operations/:id)',
  })
  async reorganise(
    @CurrentUser() user: AuthUser,
    @Body() dto: ReorganisationDto,
    @Res({ passthrough: true }) res: Response,
    @IdempotencyKey() key?: string,
  ) {
    return followAt(res, await this.reorganisations.reorganise(user, dto, key));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A reorganisation and the reroute of each dossier it touched' })
  get(@Param('id', UuidParam) id: string) {
    return this.reorganisations.view(id);
  }
}
