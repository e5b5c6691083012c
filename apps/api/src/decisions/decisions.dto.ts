import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DecisionDto } from '../dossiers/dossier.dto';
import { Trim } from '../common/validators';

export class RecordDecisionDto extends DecisionDto {
  @ApiProperty({ type: [String], description: 'Dossiers waiting at the caller’s decision stage' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'dossierIds must be UUIDs' })
  dossierIds: string[];

  @ApiPropertyOptional({ example: 'Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc năm 2025' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  title?: string;
}
