import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

import { CAMPAIGN_KINDS, type CampaignKind } from '../../../../libs/domain/campaign';
import { Trim } from '../common/validators';

export { CAMPAIGN_KINDS, type CampaignKind };

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateCampaignDto {
  @ApiProperty({ example: 'TONG-KET-2025' })
  @Matches(/^[A-Z0-9_-]{1,64}$/, { message: 'code must be 1–64 capital letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: 'Đợt xét khen thưởng tổng kết năm 2025' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiProperty({ enum: CAMPAIGN_KINDS, description: 'annual, thematic (chuyên đề), ad hoc (đột xuất)' })
  @IsIn(CAMPAIGN_KINDS)
  kind: CampaignKind;

  @ApiProperty({ example: '2025-11-01' })
  @Matches(DATE, { message: 'opensOn must be a date YYYY-MM-DD' })
  opensOn: string;

  @ApiProperty({ example: '2026-01-31' })
  @Matches(DATE, { message: 'closesOn must be a date YYYY-MM-DD' })
  closesOn: string;

  @ApiProperty({ type: [String], example: ['LAO_DONG_TIEN_TIEN', 'CHIEN_SI_THI_DUA_CO_SO'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[A-Z0-9_]{1,64}$/, { each: true, message: 'awardCodes must be award codes' })
  awardCodes: string[];

  @ApiPropertyOptional({ description: 'Whose subtree may nominate (default: the caller’s org)' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'orgUnitCode must be an org unit code' })
  orgUnitCode?: string;
}

export class QuotaDto {
  @ApiProperty({ example: 'van-lang', description: 'The org whose subtree the cap counts' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'orgUnitCode must be an org unit code' })
  orgUnitCode: string;

  @ApiProperty({ example: 'CHIEN_SI_THI_DUA_CO_SO' })
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'awardCode must be an award code' })
  awardCode: string;

  @ApiPropertyOptional({ example: 10 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  maxCount?: number;

  @ApiPropertyOptional({ example: 15, description: 'Percent of the basis award’s count in the same campaign' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxPercent?: number;

  @ApiPropertyOptional({ example: 'LAO_DONG_TIEN_TIEN' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'basisAwardCode must be an award code' })
  basisAwardCode?: string;

  @ApiPropertyOptional({ example: 'Kế hoạch thi đua năm 2025 của UBND huyện (chưa xác minh: cấu hình)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  legalBasis?: string;
}
