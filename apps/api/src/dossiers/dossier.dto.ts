import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsUUID,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DOSSIER_STATUSES, type DossierStatus } from '../../../../libs/domain/dossier-machine';
import { NOMINEE_KINDS, type NomineeKind } from '../../../../libs/domain/org';
import { STAGE_NAMES } from '../../../../libs/domain/route';
import { Trim } from '../common/validators';

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class NomineeDto {
  @ApiProperty({ enum: NOMINEE_KINDS })
  @IsIn(NOMINEE_KINDS)
  kind: NomineeKind;

  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ example: 'Chủ tịch UBND xã' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(255)
  position?: string;

  @ApiPropertyOptional({ description: 'For collectives: number of members' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  memberCount?: number;

  @ApiPropertyOptional({ description: 'Người lao động trực tiếp (a priority group)' })
  @IsOptional()
  @IsBoolean()
  directWorker?: boolean;

  @ApiPropertyOptional({
    description: 'The nominee in the registry (GET /nominees/:id): eligibility is judged by its record',
  })
  @IsOptional()
  @IsUUID('all', { message: 'registryId must be a UUID' })
  registryId?: string;
}

export class CreateDossierDto {
  @ApiProperty({ example: 'BANG_KHEN_THU_TUONG' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Z0-9_]+$/, { message: 'awardCode must be an award code such as BANG_KHEN_THU_TUONG' })
  awardCode: string;

  @ApiProperty({ type: NomineeDto })
  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => NomineeDto)
  nominee: NomineeDto;

  @ApiProperty({ example: 'Hoàn thành xuất sắc nhiệm vụ 5 năm liên tục (2021–2025)' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  achievementSummary: string;

  @ApiPropertyOptional({ example: 2025, description: 'The year whose achievements are nominated (default: this year)' })
  @IsOptional()
  @IsInt()
  @Min(1945)
  @Max(2200)
  achievementYear?: number;

  @ApiPropertyOptional({ example: ['SK-2025-017'], description: 'Initiatives of the nominee this dossier relies on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[\w.:/-]{1,64}$/, { each: true, message: 'initiativeCodes must be initiative codes' })
  initiativeCodes?: string[];

  @ApiPropertyOptional({ example: 'TONG-KET-2025', description: 'The campaign (đợt thi đua) nominated under' })
  @IsOptional()
  @Matches(/^[A-Z0-9_-]{1,64}$/, { message: 'campaignCode must be a campaign code' })
  campaignCode?: string;
}

export class DecisionDto {
  @ApiProperty({ example: '1234/QĐ-TTg' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  number: string;

  @ApiProperty({ example: '2026-11-25', description: 'YYYY-MM-DD' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a date YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: 'Thủ tướng Chính phủ' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  signer: string;
}

/** submit, resubmit, withdraw: an optional comment (withdraw also takes an optional reason). */
export class CommentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

/** return and reject: the reason is required and is shown to the clerk. */
export class ReasonDto {
  @ApiProperty({ example: 'Thiếu biên bản họp xét của Hội đồng' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

/** approve: at the decision stage it decides, so the decision is then required. */
export class ApproveDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ type: DecisionDto, description: 'Required at the decision stage' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;
}

export class DecideDto {
  @ApiProperty({ type: DecisionDto })
  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision: DecisionDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

/** Keyset paging: at most 100 a page, the cursor as the previous page returned it. */
export class PageQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** The list's filters; paging as every list pages. */
export class ListDossiersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiPropertyOptional({ enum: [...STAGE_NAMES, 'DRAFT', 'SUPPLEMENT'] })
  @IsOptional()
  @IsIn([...STAGE_NAMES, 'DRAFT', 'SUPPLEMENT'])
  stage?: string;

  @ApiPropertyOptional({ description: 'Org unit code where the dossier waits now' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'orgUnit must be an org unit code' })
  orgUnit?: string;

  @ApiPropertyOptional({ description: 'Award code' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'award must be an award code' })
  award?: string;

  // The filters below are the dashboards' drill-downs: each selects the dossiers behind one figure.

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: in progress and past the current stage’s due time (as GET /dashboard/overdue counts)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Nominating org unit code (exactly, as GET /dashboard/priority-share groups)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'origin must be an org unit code' })
  origin?: string;

  @ApiPropertyOptional({
    enum: [...STAGE_NAMES, 'DRAFT', 'SUPPLEMENT'],
    description: 'Passed through or waits at this stage (GET /dashboard/bottlenecks), with throughOrgUnit',
  })
  @IsOptional()
  @IsIn([...STAGE_NAMES, 'DRAFT', 'SUPPLEMENT'])
  throughStage?: string;

  @ApiPropertyOptional({ description: 'Passed through or waits at a stage at this org unit' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'throughOrgUnit must be an org unit code' })
  throughOrgUnit?: string;

  @ApiPropertyOptional({
    enum: ['submitted', 'decided', 'returned'],
    description: 'Had this event between from and to, as GET /dashboard/throughput counts it',
  })
  @IsOptional()
  @IsIn(['submitted', 'decided', 'returned'])
  event?: 'submitted' | 'decided' | 'returned';

  @ApiPropertyOptional({ example: '2026-11-01', description: 'With event: from this day (Vietnam time), inclusive' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'With event: to this day (Vietnam time), inclusive' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

/** extend-deadline: either working days to add or the new due day, and always the reason. */
export class ExtendDeadlineDto {
  @ApiProperty({ example: 'Chờ ý kiến hiệp y của Bộ Công Thương' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;

  @ApiPropertyOptional({ example: 5, description: 'Working days to add to the current due day' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;

  @ApiPropertyOptional({ example: '2027-03-15', description: 'The new due day, YYYY-MM-DD (instead of days)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'newDueDate must be a date YYYY-MM-DD' })
  newDueDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
