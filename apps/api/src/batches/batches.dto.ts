import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CreateDossierDto, DecisionDto } from '../dossiers/dossier.dto';
import { Trim } from '../common/validators';

export class DocumentRefDto {
  @ApiProperty({ example: 'TO_TRINH' })
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'docType must be a document code' })
  docType: string;

  @ApiProperty({ description: 'SHA-256 of a file uploaded with POST /documents' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256: string;

  @ApiPropertyOptional({ example: 'to-trinh.pdf' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

/** One nomination of a batch: a dossier as POST /dossiers takes it, plus its own papers. */
export class BatchItemDto extends CreateDossierDto {
  @ApiPropertyOptional({ type: [DocumentRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DocumentRefDto)
  documents?: DocumentRefDto[];
}

export class BatchDto {
  @ApiProperty({ example: 'Tờ trình số 12/TTr-UBND đề nghị khen thưởng tổng kết năm 2025' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: [DocumentRefDto], description: 'Papers shared by every item (e.g. the tờ trình)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DocumentRefDto)
  documents?: DocumentRefDto[];

  @ApiProperty({
    type: [BatchItemDto],
    description: 'Each item is validated on its own: a bad item is reported, the others go on',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'items must be objects' })
  items: Record<string, unknown>[];
}

export const BULK_ACTIONS = ['submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'decide'] as const;

export class BulkActionDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS)
  action: (typeof BULK_ACTIONS)[number];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'ids must be UUIDs' })
  ids: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ description: 'Required for return and reject' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ type: DecisionDto, description: 'Required for decide' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;
}
