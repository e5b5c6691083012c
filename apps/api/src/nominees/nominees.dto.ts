import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NOMINEE_KINDS, type NomineeKind } from '../../../../libs/domain/org';
import {
  INITIATIVE_SCOPES,
  RATINGS,
  RESTRICTION_KINDS,
  type InitiativeScope,
  type Rating,
  type RestrictionKind,
} from '../../../../libs/domain/eligibility';
import { Trim } from '../common/validators';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const YEAR = { min: 1945, max: 2200 };

export class CreateNomineeDto {
  @ApiProperty({ enum: NOMINEE_KINDS })
  @IsIn(NOMINEE_KINDS)
  kind: NomineeKind;

  @ApiProperty({
    example: '036085001234',
    description: 'Stable key: identity or personnel number for individuals; a code for collectives',
  })
  @Trim()
  @IsString()
  @Matches(/^[\w.:/-]{1,128}$/, { message: 'key must be 1–128 letters, digits or . _ : / -' })
  key: string;

  @ApiProperty({ example: 'Hoàng Văn Nam' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ description: 'Owning org unit (default: the caller’s); must be in the caller’s subtree' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'orgUnitCode must be an org unit code' })
  orgUnitCode?: string;

  @ApiPropertyOptional({ example: '2019-03-01', description: 'Date of recruitment (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: 'serviceStartDate must be a date YYYY-MM-DD' })
  serviceStartDate?: string;
}

export class RatingDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year: number;

  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  rating: Rating;
}

export class PastAwardDto {
  @ApiProperty({ example: 'CHIEN_SI_THI_DUA_CO_SO' })
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'awardCode must be an award code' })
  awardCode: string;

  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year: number;

  @ApiPropertyOptional({ example: '12/QĐ-UBND' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(64)
  decisionNumber?: string;

  @ApiPropertyOptional({ example: '2024-12-20' })
  @IsOptional()
  @Matches(DATE, { message: 'decisionDate must be a date YYYY-MM-DD' })
  decisionDate?: string;
}

export class InitiativeDto {
  @ApiProperty({ example: 'SK-2025-017' })
  @Matches(/^[\w.:/-]{1,64}$/, { message: 'code must be 1–64 letters, digits or . _ : / -' })
  code: string;

  @ApiProperty({ example: 'Số hóa hồ sơ thi đua cấp xã' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year: number;

  @ApiProperty({ enum: INITIATIVE_SCOPES })
  @IsIn(INITIATIVE_SCOPES)
  scope: InitiativeScope;
}

export class RestrictionDto {
  @ApiProperty({ enum: RESTRICTION_KINDS })
  @IsIn(RESTRICTION_KINDS)
  kind: RestrictionKind;

  @ApiProperty({ example: '2025-03-01' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiPropertyOptional({ example: '2025-09-01', description: 'Omitted while it lasts' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CollectiveYearDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year: number;

  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  memberCount: number;

  @ApiProperty({ example: 20, description: 'Members who completed their tasks' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  completedCount: number;

  @ApiProperty({ example: 15 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  laoDongTienTienCount: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  cstdCoSoCount: number;

  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  disciplinedCount: number;
}

export class ImportAwardsDto {
  @ApiProperty({
    description:
      'CSV with a header row: nominee_kind,nominee_key,nominee_name,award_code,year,decision_number,decision_date',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000_000)
  csv: string;
}
