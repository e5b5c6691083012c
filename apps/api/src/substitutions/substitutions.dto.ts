import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Trim } from '../common/validators';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateSubstitutionDto {
  @ApiProperty({ example: 'van-lang.reviewer2', description: 'User name of the substitute' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,127}$/, { message: 'substitute must be a user name' })
  substitute: string;

  @ApiProperty({ example: '2026-12-01', description: 'First day (YYYY-MM-DD, Vietnam time)' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-12-05', description: 'Last day, inclusive' })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ example: 'Nghỉ phép năm' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
