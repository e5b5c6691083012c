import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { UuidParam } from '../common/params';
import { CreateOrgUnitDto, CreateUserDto, UpdateOrgUnitDto, UpdateUserDto } from './admin.dto';
import { AdminService } from './admin.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('users')
  @ApiQuery({ name: 'orgUnit', required: false })
  @ApiOperation({ summary: 'Users, optionally of one org unit' })
  listUsers(@Query('orgUnit') orgUnit?: string) {
    return this.admin.listUsers(typeof orgUnit === 'string' ? orgUnit : undefined);
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user with one role at one org unit' })
  createUser(@Body() dto: CreateUserDto) {
    return this.admin.createUser(dto);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Change a user (role, org unit, name, password, active); ends their sessions' })
  updateUser(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.admin.updateUser(id, dto);
  }

  @Post('org-units')
  @ApiOperation({ summary: 'Add an org unit under a parent' })
  createOrgUnit(@Body() dto: CreateOrgUnitDto) {
    return this.admin.createOrgUnit(dto);
  }

  @Patch('org-units/:code')
  @ApiOperation({ summary: 'Rename or (de)activate an org unit' })
  updateOrgUnit(@Param('code') code: string, @Body() dto: UpdateOrgUnitDto) {
    return this.admin.updateOrgUnit(code, dto);
  }
}
