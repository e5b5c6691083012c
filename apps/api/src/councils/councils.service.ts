import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Env } from '../../../../libs/config/env';
import {
  THRESHOLD_RULES,
  tally,
  thresholdFor,
  type Tally,
  type ThresholdRule,
  type Vote,
} from '../../../../libs/domain/council';
import { currentStage } from '../../../../libs/domain/dossier-machine';
import type { CouncilCloseItem } from '../../../../activities/council-close';
import { councilCloseWorkflowId } from '../../../../libs/contracts';
import type { councilCloseWorkflow } from '../../../../workflows';
import { toActor } from '../auth/auth-user';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { councilMinutesCode } from '../../../../libs/domain/documents';
import type { AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { AppError, type FieldError } from '../common/app-error';
import { inCallerSubtree } from '../common/org-scope';
import { ENV } from '../config/env.provider';
import { DocumentsService } from '../documents/documents.service';
import { DossiersService } from '../dossiers/dossiers.service';
import type { CastVotesDto, CloseSessionDto, ListSessionsQuery, OpenSessionDto, WrittenVotesDto } from './councils.dto';
import { renderMinutes } from './minutes';

interface SessionRow {
  id: string;
  orgUnitCode: string;
  title: string;
  secretBallot: boolean;
  status: 'OPEN' | 'CLOSED';
  memberCount: number;
  openedBy: string;
  openedAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  minutesSha256: string | null;
}

export interface ItemRow {
  id: string;
  dossierId: string;
  awardCode: string;
  awardName: string;
  nomineeName: string;
  originOrgCode: string;
  threshold: ThresholdRule;
  secret: boolean;
  tally: Tally | null;
  outcome: 'APPROVED' | 'RETURNED' | 'REJECTED' | 'QUOTA_EXCEEDED' | 'FAILED' | null;
  outcomeDetail: string | null;
}

/** A check a council close runs over the items that passed, before anything moves (quotas). */
export interface CloseGuard {
  /** Returns, per dossier id, the reason it may not go forward despite its tally. */
  blockedAtClose(orgUnitCode: string, passed: ItemRow[]): Promise<Map<string, string>>;
}
export const CLOSE_GUARD = Symbol('CLOSE_GUARD');

const SESSION_COLUMNS = `id, org_unit_code AS "orgUnitCode", title, secret_ballot AS "secretBallot", status,
  member_count AS "memberCount", opened_by AS "openedBy", opened_at AS "openedAt", closed_by AS "closedBy",
  closed_at AS "closedAt", minutes_sha256 AS "minutesSha256"`;
const ITEM_COLUMNS = `id, dossier_id AS "dossierId", award_code AS "awardCode", award_name AS "awardName",
  nominee_name AS "nomineeName", origin_org_code AS "originOrgCode", threshold, secret, tally, outcome,
  outcome_detail AS "outcomeDetail"`;

const OUTCOME_OF = { approve: 'APPROVED', return: 'RETURNED', reject: 'REJECTED' } as const;
const RESULT_OF = { approve: 'PASSED', return: 'RETURNED', reject: 'REJECTED' } as const;

/**
 * Council sessions: the secretary opens one for dossiers waiting at the council stage, members vote per
 * dossier (absent members in writing, recorded by the secretary), and closing applies each award's
 * threshold and moves every dossier in one step by the workflow's `councilOutcome` Update, the only way a
 * COUNCIL stage passes.
 */
@Injectable()
export class CouncilsService {
  private readonly logger = new Logger(CouncilsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOSE_GUARD) private readonly guard: CloseGuard,
    private readonly dossiers: DossiersService,
    private readonly documents: DocumentsService,
    private readonly awards: AwardsService,
  ) {}

  async open(user: AuthUser, dto: OpenSessionDto) {
    if (user.role !== 'COUNCIL')
      throw new AppError('FORBIDDEN', 'Only the council secretary (COUNCIL) opens a session');
    const ids = [...new Set(dto.dossierIds.map((d) => d.toLowerCase()))];
    const problems: FieldError[] = [];
    const items: Omit<ItemRow, 'id' | 'tally' | 'outcome' | 'outcomeDetail'>[] = [];
    for (const [i, id] of ids.entries()) {
      const field = `dossierIds[${i}]`;
      const state = await this.dossiers.visibleState(user, id).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      const stage = state && currentStage(state);
      if (!state) problems.push({ field, message: `dossier ${id} not found` });
      else if (state.status !== 'IN_PROGRESS' || stage?.name !== 'COUNCIL' || stage.orgUnitCode !== user.orgUnitCode) {
        problems.push({ field, message: `dossier ${id} does not wait at the council of ${user.orgUnitCode}` });
      } else {
        const rule = thresholdFor(state.awardCode, THRESHOLD_RULES, this.env.COUNCIL_DEFAULT_THRESHOLD_PERCENT);
        items.push({
          dossierId: id,
          awardCode: state.awardCode,
          awardName: state.awardName,
          nomineeName: state.nominee.name,
          originOrgCode: state.originOrgUnitCode,
          threshold: rule,
          secret: rule.secretBallot || dto.secretBallot === true,
        });
      }
    }
    const busy: { dossierId: string }[] = await this.ds.query(
      `SELECT i.dossier_id AS "dossierId" FROM council_session_items i JOIN council_sessions s ON s.id = i.session_id
       WHERE s.status = 'OPEN' AND i.dossier_id = ANY($1)`,
      [ids],
    );
    for (const b of busy) {
      problems.push({
        field: `dossierIds[${ids.indexOf(b.dossierId)}]`,
        message: `dossier ${b.dossierId} is on an open session`,
      });
    }
    if (problems.length) {
      throw new AppError('UNPROCESSABLE', problems.map((p) => p.message).join('; '), problems);
    }
    const members: { username: string; displayName: string }[] = await this.ds.query(
      `SELECT u.username, u.display_name AS "displayName" FROM users u JOIN org_units o ON o.id = u.org_unit_id
       WHERE o.code = $1 AND u.role = 'COUNCIL_MEMBER' AND u.active ORDER BY u.username`,
      [user.orgUnitCode],
    );
    if (!members.length) throw new AppError('UNPROCESSABLE', `The council of ${user.orgUnitCode} has no members`);
    const sessionId: string = await this.ds.transaction(async (tx) => {
      const [s] = await tx.query(
        `INSERT INTO council_sessions (org_unit_code, title, secret_ballot, status, member_count, opened_by)
         VALUES ($1,$2,$3,'OPEN',$4,$5) RETURNING id`,
        [user.orgUnitCode, dto.title, items.some((i) => i.secret), members.length, user.username],
      );
      for (const m of members) {
        await tx.query(`INSERT INTO council_session_members (session_id, username, display_name) VALUES ($1,$2,$3)`, [
          s.id,
          m.username,
          m.displayName,
        ]);
      }
      for (const i of items) {
        await tx.query(
          `INSERT INTO council_session_items (session_id, dossier_id, award_code, award_name, nominee_name,
             origin_org_code, threshold, secret) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [
            s.id,
            i.dossierId,
            i.awardCode,
            i.awardName,
            i.nomineeName,
            i.originOrgCode,
            JSON.stringify(i.threshold),
            i.secret,
          ],
        );
      }
      return s.id;
    });
    return this.view(user, sessionId);
  }

  /** A member's own ballots; the whole request applies or none of it. A second vote on a dossier is 409. */
  async vote(user: AuthUser, sessionId: string, dto: CastVotesDto) {
    const session = await this.visible(user, sessionId);
    if (user.role !== 'COUNCIL_MEMBER') throw new AppError('FORBIDDEN', 'Only council members vote');
    await this.record(session, user.username, dto, false, user.username);
    return this.view(user, sessionId);
  }

  /** The secretary records the written vote of an absent member. */
  async writtenVote(user: AuthUser, sessionId: string, dto: WrittenVotesDto) {
    const session = await this.visible(user, sessionId);
    this.mustBeSecretary(user, session);
    await this.record(session, dto.member, dto, true, user.username);
    return this.view(user, sessionId);
  }

  /**
   * Closes the session: each dossier's tally against its threshold, the quotas and the minutes here, then the
   * session's close workflow (`council-close-<session>`) moves every dossier by one `councilOutcome` Update with
   * the idempotency key `council-<session>-<dossier>`, so a retried close moves nothing twice and finishes what
   * an interrupted one left, and one dossier's failure does not stop the others. Answers at once (202) with the
   * session and how far the close has come (`closing`); GET the session to follow it.
   */
  async close(user: AuthUser, sessionId: string, dto: CloseSessionDto) {
    let session = await this.visible(user, sessionId);
    this.mustBeSecretary(user, session);
    if (session.status === 'OPEN') {
      await this.ds.query(
        `UPDATE council_sessions SET status = 'CLOSED', closed_by = $2, closed_at = now() WHERE id = $1 AND status = 'OPEN'`,
        [sessionId, user.username],
      );
      session = await this.visible(user, sessionId);
    }
    const items = await this.items(sessionId);
    for (const item of items.filter((i) => !i.tally)) {
      const votes: { vote: Vote }[] = await this.ds.query(`SELECT vote FROM council_votes WHERE item_id = $1`, [
        item.id,
      ]);
      item.tally = tally(
        votes.map((v) => v.vote),
        session.memberCount,
        item.threshold,
      );
      await this.ds.query(`UPDATE council_session_items SET tally = $2 WHERE id = $1`, [
        item.id,
        JSON.stringify(item.tally),
      ]);
    }
    const pending = items.filter((i) => !i.outcome);
    const blocked = await this.guard.blockedAtClose(
      session.orgUnitCode,
      pending.filter((i) => i.tally!.passed),
    );
    if (!session.minutesSha256) {
      const org = await this.orgName(session.orgUnitCode);
      const pdf = await renderMinutes({ ...session, orgName: org }, items, blocked);
      const sha = await this.documents.storeGenerated(pdf, user.username);
      await this.ds.query(`UPDATE council_sessions SET minutes_sha256 = $2 WHERE id = $1 AND minutes_sha256 IS NULL`, [
        sessionId,
        sha,
      ]);
      session.minutesSha256 = sha;
    }
    const moves: CouncilCloseItem[] = [];
    for (const item of pending) {
      // Every dossier the session decides carries its minutes: the secret ballot's where the award asks for them.
      const award = await this.awards.find(item.awardCode);
      const minutesCode = councilMinutesCode(award?.requiredDocuments ?? []);
      const t = item.tally!;
      const quota = blocked.get(item.dossierId);
      const action = t.passed && !quota ? 'approve' : (dto.onFail ?? 'return');
      // The session by its title (as the workflow's history line names it), not the council's org code.
      const summary = `Phiên họp “${session.title}”: đồng ý ${t.yes}/${t.members}, cần ${t.required}`;
      const reason = quota ?? dto.reason ?? `${summary} — không đạt`;
      moves.push({
        itemId: item.id,
        dossierId: item.dossierId,
        council: {
          sessionId,
          title: session.title,
          result: RESULT_OF[action],
          tally: t,
          threshold: { code: item.threshold.code, percent: item.threshold.percent, strict: item.threshold.strict },
          minutesSha256: session.minutesSha256!,
        },
        // A pass needs no comment: the workflow writes the session and its tally into the history.
        ...(action === 'approve' ? {} : { reason }),
        outcome: quota ? 'QUOTA_EXCEEDED' : OUTCOME_OF[action],
        detail: action === 'approve' ? summary : reason,
        minutes: {
          docType: minutesCode,
          fileName: `${minutesCode === 'BIEN_BAN_BO_PHIEU_KIN' ? 'bien-ban-kiem-phieu' : 'bien-ban-hop'}-${sessionId}.pdf`,
        },
      });
    }
    if (moves.length) {
      // The dossiers move in a workflow of the session's own (it survives a crash of this process or the
      // worker); a close repeated while it runs finds it started and leaves it to finish.
      await this.temporal.workflow
        .start<typeof councilCloseWorkflow>('councilCloseWorkflow', {
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          workflowId: councilCloseWorkflowId(sessionId),
          args: [{ sessionId, actor: toActor(user), items: moves }],
        })
        .catch((err: unknown) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return;
          this.logger.error(`council close ${sessionId} not started: ${(err as Error)?.message}`);
          throw new AppError('SERVICE_UNAVAILABLE', 'The workflow service is unavailable; close the session again');
        });
    }
    return this.view(user, sessionId);
  }

  async minutes(user: AuthUser, sessionId: string): Promise<Buffer> {
    const session = await this.visible(user, sessionId);
    if (!session.minutesSha256) throw new AppError('INVALID_STATE', 'The minutes are written when the session closes');
    return this.documents.readVerified(session.minutesSha256);
  }

  /**
   * The sessions a caller may open (see `visible`): those of councils in their subtree, newest first, at most
   * 100. A member also learns, per session, how many of its dossiers still wait for their own vote, so that
   * the home page can point them to it.
   */
  async list(user: AuthUser, q: ListSessionsQuery) {
    const params: unknown[] = [user.username];
    let where = 'TRUE';
    if (user.role !== 'ADMIN') {
      params.push(user.orgUnitCode);
      where = `s.org_unit_code IN (
        WITH RECURSIVE sub AS (
          SELECT id, code FROM org_units WHERE code = $${params.length}
          UNION ALL SELECT o.id, o.code FROM org_units o JOIN sub ON o.parent_id = sub.id
        ) SELECT code FROM sub)`;
    }
    if (q.status) {
      params.push(q.status);
      where += ` AND s.status = $${params.length}`;
    }
    const rows: {
      id: string;
      orgUnitCode: string;
      title: string;
      status: 'OPEN' | 'CLOSED';
      secretBallot: boolean;
      memberCount: number;
      openedAt: Date;
      closedAt: Date | null;
      itemCount: number;
      isMember: boolean;
      awaitingMyVote: number;
    }[] = await this.ds.query(
      `SELECT s.id, s.org_unit_code AS "orgUnitCode", s.title, s.status, s.secret_ballot AS "secretBallot",
         s.member_count AS "memberCount", s.opened_at AS "openedAt", s.closed_at AS "closedAt",
         (SELECT count(*)::int FROM council_session_items i WHERE i.session_id = s.id) AS "itemCount",
         EXISTS (SELECT 1 FROM council_session_members m WHERE m.session_id = s.id AND m.username = $1) AS "isMember",
         (SELECT count(*)::int FROM council_session_items i WHERE i.session_id = s.id AND NOT EXISTS (
            SELECT 1 FROM council_votes v WHERE v.item_id = i.id AND v.member_username = $1)) AS "awaitingMyVote"
       FROM council_sessions s WHERE ${where}
       ORDER BY s.opened_at DESC, s.id DESC LIMIT 100`,
      params,
    );
    return {
      items: rows.map(({ isMember, awaitingMyVote, ...r }) => ({
        ...r,
        ...(user.role === 'COUNCIL_MEMBER'
          ? { awaitingMyVote: isMember && r.status === 'OPEN' ? awaitingMyVote : 0 }
          : {}),
      })),
    };
  }

  /**
   * The roll of a session, for its secretary only, who records absent members' written votes: names, never
   * votes, kept apart from the session view so that what members and leaders read names nobody.
   */
  async members(user: AuthUser, sessionId: string) {
    const session = await this.visible(user, sessionId);
    this.mustBeSecretary(user, session);
    const items: { username: string; displayName: string }[] = await this.ds.query(
      `SELECT username, display_name AS "displayName" FROM council_session_members WHERE session_id = $1
       ORDER BY username`,
      [sessionId],
    );
    return { items };
  }

  /** Tallies only, never who voted what; while a secret ballot is open, not even the running tally. */
  async view(user: AuthUser, sessionId: string) {
    const session = await this.visible(user, sessionId);
    const items = await this.items(sessionId);
    const cast: { itemId: string; n: number }[] = await this.ds.query(
      `SELECT v.item_id AS "itemId", count(*)::int AS n FROM council_votes v JOIN council_session_items i ON i.id = v.item_id
       WHERE i.session_id = $1 GROUP BY v.item_id`,
      [sessionId],
    );
    const running = async (item: ItemRow): Promise<Tally | null> => {
      if (item.tally) return item.tally;
      if (item.secret) return null;
      const votes: { vote: Vote }[] = await this.ds.query(`SELECT vote FROM council_votes WHERE item_id = $1`, [
        item.id,
      ]);
      return tally(
        votes.map((v) => v.vote),
        session.memberCount,
        item.threshold,
      );
    };
    const mine: { itemId: string }[] =
      user.role === 'COUNCIL_MEMBER'
        ? await this.ds.query(
            `SELECT v.item_id AS "itemId" FROM council_votes v JOIN council_session_items i ON i.id = v.item_id
             WHERE i.session_id = $1 AND v.member_username = $2`,
            [sessionId, user.username],
          )
        : [];
    return {
      id: session.id,
      orgUnitCode: session.orgUnitCode,
      title: session.title,
      secretBallot: session.secretBallot,
      status: session.status,
      memberCount: session.memberCount,
      openedBy: session.openedBy,
      openedAt: session.openedAt,
      closedAt: session.closedAt,
      minutesAvailable: session.minutesSha256 !== null,
      // How far the close has moved the dossiers (the close workflow writes each item's outcome as it goes).
      closing:
        session.status === 'CLOSED'
          ? {
              workflowId: councilCloseWorkflowId(session.id),
              total: items.length,
              done: items.filter((i) => i.outcome !== null).length,
              complete: items.every((i) => i.outcome !== null),
            }
          : null,
      items: await Promise.all(
        items.map(async (i) => ({
          dossierId: i.dossierId,
          awardCode: i.awardCode,
          awardName: i.awardName,
          nomineeName: i.nomineeName,
          secret: i.secret,
          threshold: {
            code: i.threshold.code,
            percent: i.threshold.percent,
            strict: i.threshold.strict,
            legalBasis: i.threshold.legalBasis,
            status: i.threshold.status,
          },
          votesCast: cast.find((c) => c.itemId === i.id)?.n ?? 0,
          tally: await running(i),
          ...(user.role === 'COUNCIL_MEMBER' ? { votedByMe: mine.some((m) => m.itemId === i.id) } : {}),
          outcome: i.outcome,
          outcomeDetail: i.outcomeDetail,
        })),
      ),
    };
  }

  private async record(session: SessionRow, member: string, dto: CastVotesDto, inWriting: boolean, by: string) {
    if (session.status !== 'OPEN') throw new AppError('INVALID_STATE', 'The session is closed');
    const isMember = await this.ds.query(
      `SELECT 1 FROM council_session_members WHERE session_id = $1 AND username = $2`,
      [session.id, member],
    );
    if (!isMember.length) {
      if (inWriting) throw AppError.field('member', `${member} is not a member of this session`);
      throw new AppError('FORBIDDEN', 'Only the members of this session vote in it');
    }
    const items = await this.items(session.id);
    const chosen = dto.votes.map((b, i) => {
      const item = items.find((x) => x.dossierId === b.dossierId.toLowerCase());
      if (!item) throw AppError.field(`votes[${i}].dossierId`, `dossier ${b.dossierId} is not on this session's list`);
      return { item, vote: b.vote };
    });
    if (new Set(chosen.map((c) => c.item.id)).size !== chosen.length) {
      throw AppError.field('votes', 'one vote per dossier');
    }
    const already = await this.ds.query(
      `SELECT 1 FROM council_votes WHERE member_username = $1 AND item_id = ANY($2) LIMIT 1`,
      [member, chosen.map((c) => c.item.id)],
    );
    const final = `${member} has already voted on a dossier of this request; votes are final`;
    if (already.length) throw new AppError('INVALID_STATE', final);
    try {
      await this.ds.transaction(async (tx) => {
        for (const c of chosen) {
          await tx.query(
            `INSERT INTO council_votes (item_id, member_username, vote, in_writing, recorded_by) VALUES ($1,$2,$3,$4,$5)`,
            [c.item.id, member, c.vote, inWriting, by],
          );
        }
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new AppError(
          'INVALID_STATE',
          `${member} has already voted on a dossier of this request; votes are final`,
        );
      }
      throw err;
    }
  }

  private mustBeSecretary(user: AuthUser, session: SessionRow): void {
    if (user.role !== 'COUNCIL' || user.orgUnitCode !== session.orgUnitCode) {
      throw new AppError('FORBIDDEN', 'Only the secretary of this council');
    }
  }

  /** Callers at the council's org or above see its sessions; others get 404. */
  private async visible(user: AuthUser, sessionId: string): Promise<SessionRow> {
    const rows: SessionRow[] = await this.ds.query(`SELECT ${SESSION_COLUMNS} FROM council_sessions WHERE id = $1`, [
      sessionId,
    ]);
    if (!rows.length || !(await inCallerSubtree(this.ds, user, rows[0].orgUnitCode))) {
      throw new AppError('NOT_FOUND', `Council session ${sessionId} not found`);
    }
    return rows[0];
  }

  private items(sessionId: string): Promise<ItemRow[]> {
    return this.ds.query(
      `SELECT ${ITEM_COLUMNS} FROM council_session_items WHERE session_id = $1 ORDER BY award_code, nominee_name, dossier_id`,
      [sessionId],
    );
  }

  private async orgName(code: string): Promise<string> {
    const rows: { name: string }[] = await this.ds.query(`SELECT name FROM org_units WHERE code = $1`, [code]);
    return rows[0]?.name ?? code;
  }
}
