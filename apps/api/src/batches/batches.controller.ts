import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { IdempotencyKey } from '../common/params';
import { BatchDto, BulkActionDto } from './batches.dto';
import { BatchesService } from './batches.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Each item is keyed `<key>-<index or id>`' })
@Controller('dossiers')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A list of nominations under one tờ trình: each created, papered and submitted; a result per item',
  })
  batch(@CurrentUser() user: AuthUser, @Body() dto: BatchDto, @IdempotencyKey() key?: string) {
    return this.batches.submitBatch(user, dto, key);
  }

  @Post('actions')
  @HttpCode(200)
  @ApiOperation({ summary: 'One action on many dossiers (approve, return, reject, decide…); a result per dossier' })
  actions(@CurrentUser() user: AuthUser, @Body() dto: BulkActionDto, @IdempotencyKey() key?: string) {
    return this.batches.act(user, dto, key);
  }
}
