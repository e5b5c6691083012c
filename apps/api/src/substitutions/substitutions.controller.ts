import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/params';
import { CreateSubstitutionDto } from './substitutions.dto';
import { SubstitutionsService } from './substitutions.service';

@ApiTags('substitutions')
@ApiBearerAuth()
@Controller('substitutions')
export class SubstitutionsController {
  constructor(private readonly substitutions: SubstitutionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Name a substitute for a period; they act with your role and org unit by sending X-Acting-For: <you>',
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSubstitutionDto) {
    return this.substitutions.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Substitutions you gave or received' })
  list(@CurrentUser() user: AuthUser) {
    return this.substitutions.list(user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a substitution you gave (ADMIN: any)' })
  async revoke(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.substitutions.revoke(user, id);
  }
}
