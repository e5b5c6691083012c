import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { VOTES, type Vote } from '../../../../libs/domain/council';
import { Trim } from '../common/validators';

export class OpenSessionDto {
  @ApiProperty({ example: 'Phiên họp xét khen thưởng tổng kết năm 2025' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiProperty({ type: [String], description: 'Dossiers waiting at this council’s stage' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'dossierIds must be UUIDs' })
  dossierIds: string[];

  @ApiPropertyOptional({ description: 'Secret ballot for every item (it always is where the rule says so)' })
  @IsOptional()
  @IsBoolean()
  secretBallot?: boolean;
}

export class BallotDto {
  @ApiProperty()
  @IsUUID('all', { message: 'dossierId must be a UUID' })
  dossierId: string;

  @ApiProperty({ enum: VOTES })
  @IsIn(VOTES)
  vote: Vote;
}

export class CastVotesDto {
  @ApiProperty({ type: [BallotDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BallotDto)
  votes: BallotDto[];
}

export class WrittenVotesDto extends CastVotesDto {
  @ApiProperty({ example: 'lang-son.member5', description: 'The absent member whose written vote is recorded' })
  @Matches(/^[\w.-]{1,128}$/, { message: 'member must be a username' })
  member: string;
}

export class CloseSessionDto {
  @ApiPropertyOptional({
    enum: ['return', 'reject'],
    default: 'return',
    description: 'What befalls a dossier that fails the threshold',
  })
  @IsOptional()
  @IsIn(['return', 'reject'])
  onFail?: 'return' | 'reject';

  @ApiPropertyOptional({ description: 'Reason given to the clerk for dossiers that failed (default: the tally)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

export class ListSessionsQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] })
  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'])
  status?: 'OPEN' | 'CLOSED';
}
