import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Trim } from '../common/validators';

const ORG_CODE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const REORGANISATION_KINDS = ['MERGE', 'ABOLISH'] as const;
export type ReorganisationKind = (typeof REORGANISATION_KINDS)[number];

/** `{kind: 'MERGE', from, into, reason}` or `{kind: 'ABOLISH', code, reason}`. */
export class ReorganisationDto {
  @ApiProperty({ enum: REORGANISATION_KINDS })
  @IsIn(REORGANISATION_KINDS)
  kind: ReorganisationKind;

  @ApiPropertyOptional({ description: 'MERGE: the units merged away', example: ['ha-giang'] })
  @ValidateIf((o: ReorganisationDto) => o.kind === 'MERGE')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ORG_CODE, { each: true, message: 'from must hold org unit codes' })
  from?: string[];

  @ApiPropertyOptional({ description: 'MERGE: the unit that takes them over', example: 'lao-cai' })
  @ValidateIf((o: ReorganisationDto) => o.kind === 'MERGE')
  @IsString()
  @Matches(ORG_CODE, { message: 'into must be an org unit code' })
  into?: string;

  @ApiPropertyOptional({ description: 'ABOLISH: the unit abolished; its children report to its parent' })
  @ValidateIf((o: ReorganisationDto) => o.kind === 'ABOLISH')
  @IsString()
  @Matches(ORG_CODE, { message: 'code must be an org unit code' })
  code?: string;

  @ApiProperty({ example: 'Nghị quyết 1656/NQ-UBTVQH15' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
