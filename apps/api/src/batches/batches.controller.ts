import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { IdempotencyKey } from '../common/params';
import { BatchDto, BulkActionDto } from './batches.dto';
import { BatchesService } from './batches.service';
import { followAt } from '../operations/operations.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Each item is keyed `<key>-<index or id>`' })
@Controller('dossiers')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post('batch')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'A list of nominations under one tờ trình: each created, papered and submitted by a long operation; answers 202 with the operation to follow (GET /operations/:id), a result per item',
  })
  async batch(
    @CurrentUser() user: AuthUser,
    @Body() dto: BatchDto,
    @Res({ passthrough: true }) res: Response,
    @IdempotencyKey() key?: string,
  ) {
    return followAt(res, await this.batches.submitBatch(user, dto, key));
  }

  @Post('actions')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'One action on many dossiers (approve, return, reject, decide…) by a long operation; answers 202 with the operation to follow (GET /operations/:id), a result per dossier',
  })
  async actions(
    @CurrentUser() user: AuthUser,
    @Body() dto: BulkActionDto,
    @Res({ passthrough: true }) res: Response,
    @IdempotencyKey() key?: string,
  ) {
    return followAt(res, await this.batches.act(user, dto, key));
  }
}
