import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { IdempotencyKey, UuidParam } from '../common/params';
import {
  ApproveDto,
  CommentDto,
  CreateDossierDto,
  DecideDto,
  ExtendDeadlineDto,
  ListDossiersQuery,
  PageQuery,
  ReasonDto,
} from './dossier.dto';
import { DossiersService } from './dossiers.service';

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried request with the same key applies once',
};

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiHeader(IDEMPOTENCY)
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @ApiOperation({ summary: 'Nominate: a CLERK creates a draft dossier for an award; its route is computed now' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDossierDto, @IdempotencyKey() key?: string) {
    return this.dossiers.create(user, dto, key);
  }

  @Get()
  @ApiOperation({ summary: 'Dossiers of the caller’s org subtree, newest first, filtered, keyset-paginated' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDossiersQuery) {
    return this.dossiers.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dossier: status, route, current stage, what the caller may do, history' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.dossiers.get(user, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The nominating CLERK submits the draft' })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: CommentDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'submit', dto, key);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'The stage’s role forwards the dossier to the next stage (at the decision stage: decides)' })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: ApproveDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'approve', dto, key);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return to the nominating clerk for supplement, with the reason' })
  return(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: ReasonDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'return', dto, key);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The clerk resubmits a returned dossier; it re-enters the stage that returned it' })
  resubmit(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: CommentDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'resubmit', dto, key);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the nomination, with the reason' })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: ReasonDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'reject', dto, key);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'The nominating unit withdraws the dossier before a decision' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: CommentDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'withdraw', dto, key);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({ summary: 'The deciding authority records the decision (number, date, signer)' })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: DecideDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(user, id, 'decide', dto, key);
  }

  @Post(':id/extend-deadline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The APPROVER of the stage’s org extends its deadline, with the reason (kept in the history)',
  })
  extendDeadline(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: ExtendDeadlineDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.extendDeadline(user, id, dto, key);
  }
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get()
  @ApiOperation({ summary: 'What waits on the caller’s role at the caller’s org unit, oldest first' })
  inbox(@CurrentUser() user: AuthUser, @Query() query: PageQuery) {
    return this.dossiers.inbox(user, query);
  }
}
