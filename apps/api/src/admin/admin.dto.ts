import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ORG_LEVELS, ROLES, type OrgLevel, type Role } from '../../../../libs/domain/org';
import { Trim } from '../common/validators';

const ORG_CODE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,127}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'van-lang.clerk2' })
  @IsString()
  @Matches(USERNAME, { message: 'username must be 2–128 lower-case letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'Nguyễn Văn Bình' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ example: 'van-lang' })
  @IsString()
  @Matches(ORG_CODE, { message: 'orgUnitCode must be an org unit code' })
  orgUnitCode: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ORG_CODE, { message: 'orgUnitCode must be an org unit code' })
  orgUnitCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10 })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password?: string;
}

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'xa-tan-thanh' })
  @IsString()
  @Matches(ORG_CODE, { message: 'code must be lower-case letters, digits and dashes (at most 64)' })
  code: string;

  @ApiProperty({ example: 'UBND xã Tân Thanh' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS)
  level: OrgLevel;

  @ApiPropertyOptional({ description: 'Parent org unit code; omitted only for the root' })
  @IsOptional()
  @IsString()
  @Matches(ORG_CODE, { message: 'parentCode must be an org unit code' })
  parentCode?: string;
}

export class UpdateOrgUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
