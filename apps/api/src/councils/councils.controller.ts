import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/params';
import { CastVotesDto, CloseSessionDto, ListSessionsQuery, OpenSessionDto, WrittenVotesDto } from './councils.dto';
import { CouncilsService } from './councils.service';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils/sessions')
export class CouncilsController {
  constructor(private readonly councils: CouncilsService) {}

  @Post()
  @ApiOperation({ summary: 'The secretary (COUNCIL) opens a session for dossiers waiting at the council stage' })
  open(@CurrentUser() user: AuthUser, @Body() dto: OpenSessionDto) {
    return this.councils.open(user, dto);
  }

  @Get()
  @ApiOperation({
    summary:
      'Sessions of the councils in the caller’s subtree, newest first (a member: how many still await their vote)',
  })
  list(@CurrentUser() user: AuthUser, @Query() q: ListSessionsQuery) {
    return this.councils.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The session, its list and tallies (never who voted what)' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.councils.view(user, id);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'The roll, for the secretary who records written votes (names only, never votes)' })
  members(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.councils.members(user, id);
  }

  @Post(':id/votes')
  @HttpCode(200)
  @ApiOperation({ summary: 'A member (COUNCIL_MEMBER) votes YES / NO / ABSTAIN per dossier, once' })
  vote(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: CastVotesDto) {
    return this.councils.vote(user, id, dto);
  }

  @Post(':id/written-votes')
  @HttpCode(200)
  @ApiOperation({ summary: 'The secretary records an absent member’s written vote' })
  written(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: WrittenVotesDto) {
    return this.councils.writtenVote(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Close: apply each threshold, write the minutes, and start the close workflow that moves every dossier ' +
      'forward or back; answers at once with `closing` (follow it with GET /councils/sessions/:id)',
  })
  close(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: CloseSessionDto) {
    return this.councils.close(user, id, dto);
  }

  @Get(':id/minutes')
  @ApiOperation({ summary: 'The minutes (biên bản kiểm phiếu) as PDF, checksum-verified' })
  async minutes(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    const pdf = await this.councils.minutes(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `attachment; filename="bien-ban-kiem-phieu-${id}.pdf"`,
    });
  }
}
