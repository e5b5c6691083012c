import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { followAt } from '../operations/operations.service';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/params';
import { RecordDecisionDto } from './decisions.dto';
import { DecisionsService } from './decisions.service';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Record a decision (number, date, signer) for one or many dossiers; 202, and the dossiers are decided by a ' +
      'long operation (Location: /operations/:id), a result per dossier',
  })
  async record(
    @CurrentUser() user: AuthUser,
    @Body() dto: RecordDecisionDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return followAt(res, await this.decisions.record(user, dto));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A decision and the dossiers it decided' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.decisions.view(user, id);
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: 'The decision as PDF, with its list; checksum-verified' })
  async pdf(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    const pdf = await this.decisions.pdf(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `attachment; filename="quyet-dinh-${id}.pdf"`,
    });
  }
}
