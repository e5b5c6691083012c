import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/params';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'A long operation (a list of nominations, an action on many dossiers, a decision, a reorganisation): its progress and each settled item’s result',
  })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.operations.view(user, id);
  }
}
