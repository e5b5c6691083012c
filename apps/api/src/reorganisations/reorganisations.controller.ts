import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { Roles } from '../auth/roles';
import { IdempotencyKey } from '../common/params';
import { ReorganisationDto } from './reorganisation.dto';
import { ReorganisationsService } from './reorganisations.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/reorganisations')
export class ReorganisationsController {
  constructor(private readonly reorganisations: ReorganisationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Merge org units or abolish one; every dossier in flight under them continues on its new route',
  })
  reorganise(@CurrentUser() user: AuthUser, @Body() dto: ReorganisationDto, @IdempotencyKey() key?: string) {
    return this.reorganisations.reorganise(user, dto, key);
  }
}
