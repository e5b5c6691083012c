import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../../../../libs/calendar';
import { Trim } from '../common/validators';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

export class YearQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year: number;
}

export class AddWorkingDaysQuery {
  @ApiProperty({ example: '2026-02-13', description: 'YYYY-MM-DD; counting starts the day after' })
  @IsString()
  @Matches(ISO_DATE, DATE_MESSAGE('from'))
  from: string;

  @ApiProperty({ example: 10, description: 'Working days to add (negative counts backwards)' })
  @Type(() => Number)
  @IsInt()
  @Min(-3650)
  @Max(3650)
  days: number;
}

export class WorkingDaysBetweenQuery {
  @ApiProperty({ example: '2026-02-13' })
  @IsString()
  @Matches(ISO_DATE, DATE_MESSAGE('from'))
  from: string;

  @ApiProperty({ example: '2026-03-02', description: 'Working days in (from, to] are counted' })
  @IsString()
  @Matches(ISO_DATE, DATE_MESSAGE('to'))
  to: string;
}

/** One year's government announcement; the year comes from the path. */
export class AnnouncementDto {
  @ApiProperty({ type: [String], example: ['2026-04-27'], description: 'Weekdays given off beyond the statute' })
  @IsArray()
  @Matches(ISO_DATE, { each: true, message: 'extraDaysOff must hold dates YYYY-MM-DD' })
  extraDaysOff: string[];

  @ApiProperty({ type: [String], example: ['2026-05-09'], description: 'Weekend days made working days' })
  @IsArray()
  @Matches(ISO_DATE, { each: true, message: 'workingSaturdays must hold dates YYYY-MM-DD' })
  workingSaturdays: string[];

  @ApiPropertyOptional({ type: [String], description: 'The weekdays that are the five days of Tết' })
  @IsOptional()
  @IsArray()
  @Matches(ISO_DATE, { each: true, message: 'tetDaysOff must hold dates YYYY-MM-DD' })
  tetDaysOff?: string[];

  @ApiPropertyOptional({ example: '2026-09-01', description: '1 or 3 September' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, DATE_MESSAGE('nationalDayAdjacent'))
  nationalDayAdjacent?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ example: 'Công văn …/VPCP-KGVX' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  legalBasis?: string;

  @ApiPropertyOptional({ description: 'Checked against the published notice' })
  @IsOptional()
  @IsBoolean()
  verified?: boolean;
}
