import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
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
  @ApiOperation({ summary: 'Record a decision (number, date, signer) for one or many dossiers; a result per dossier' })
  record(@CurrentUser() user: AuthUser, @Body() dto: RecordDecisionDto) {
    return this.decisions.record(user, dto);
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
