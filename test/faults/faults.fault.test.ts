import { openDataSource } from '../../libs/persistence/data-source';
import { expectDashboardAggregatesToMatchRawTables } from '../support/dashboard-aggregates';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Client } from 'pg';
import { migrate } from '../../apps/api/migrate';
import { attachMissingDocumentsAs } from '../support/documents';
import { freePort, startTemporalDevServer, type TemporalDevServerHandle } from '../../libs/devstack/temporal-server';
import {
  requireBuild,
  startApiProcess,
  startPostgresProcess,
  startWorkerProcess,
  type Proc,
} from '../support/processes';

/**
 * Faults survived with nothing lost, with real processes killed and restarted: the worker and the API
 * (SIGKILL mid-burst), PostgreSQL (stopped for 30 s), and the Temporal dev server (restarted on its
 * database file). Bounded: every wait has a deadline.
 */
const PASSWORD = 'fault-test-password';
let dir: string;
let pg: Proc & { url: string };
let pgPort: number;
let temporal: TemporalDevServerHandle;
let temporalPort: number;
let worker: Proc;
let api: Proc;
let apiPort: number;
let env: NodeJS.ProcessEnv;
const base = () => `http://127.0.0.1:${apiPort}/api/v1`;

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'dossier-faults-'));
  [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  [pg, temporal] = await Promise.all([
    startPostgresProcess(join(dir, 'pg'), pgPort, 'dossiers'),
    startTemporalDevServer({ port: temporalPort, dbFile: join(dir, 'temporal.db') }),
  ]);
  await migrate(pg.url, { seed: true, password: PASSWORD });
  env = {
    NODE_ENV: 'test',
    DATABASE_URL: pg.url,
    DATABASE_POOL_SIZE: '5',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'faults',
    PORT: String(apiPort),
    JWT_SECRET: 'fault-secret-fault-secret-fault-secret',
    JWT_EXPIRES_IN: '1h',
    DOCUMENTS_DIR: join(dir, 'documents'),
  };
  [worker, api] = await Promise.all([startWorkerProcess(env), startApiProcess(env)]);
});

afterAll(async () => {
  await Promise.allSettled([api?.stop(), worker?.stop()]);
  await Promise.allSettled([temporal?.stop(), pg?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tokens = new Map<string, string>();
async function token(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const res = await request(base()).post('/auth/login').send({ username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    tokens.set(username, res.body.accessToken);
  }
  return tokens.get(username)!;
}

/** A client that retries a request with the same Idempotency-Key until it gets an answer that is not 5xx. */
async function send(username: string, path: string, body: object, key: string, deadlineMs = 120_000) {
  const deadline = Date.now() + deadlineMs;
  const auth = `Bearer ${await token(username)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await request(base())
        .post(path)
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .timeout(15_000)
        .send(body);
      if (res.status < 500) return { status: res.status, body: res.body, attempts: attempt };
    } catch {
      // connection refused or reset, or our timeout: the same request again
    }
    if (Date.now() > deadline) throw new Error(`${path} (${key}) got no answer within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A GIAY_KHEN's steps up to its district council, which passes it by a session (`passCouncil`), then its decision. */
const TO_COUNCIL = [
  ['xa-hoang-van-thu.clerk', 'submit'],
  ['xa-hoang-van-thu.approver', 'approve'],
  ['van-lang.reviewer', 'approve'],
] as const;
const DECIDE = [['van-lang.approver', 'decide']] as const;
type Steps = typeof TO_COUNCIL | typeof DECIDE;
const decision = { number: '77/QĐ-UBND', date: '2026-11-25', signer: 'Chủ tịch UBND huyện Văn Lãng' };

async function createDossiers(n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await send(
      'xa-hoang-van-thu.clerk',
      '/dossiers',
      {
        awardCode: 'GIAY_KHEN',
        nominee: { kind: 'INDIVIDUAL', name: `Nguyễn Văn ${tag} ${i}` },
        achievementSummary: 'Hoàn thành xuất sắc',
      },
      `create-${tag}-${i}`,
    );
    expect(res.status).toBe(201);
    await attachMissingDocumentsAs(base(), `Bearer ${await token('xa-hoang-van-thu.clerk')}`, res.body.id);
    ids.push(res.body.id);
  }
  return ids;
}

/** The secretary of van-lang opens a session for `ids` and its five members vote yes on every one of them. */
async function openAndVote(ids: string[], tag: string) {
  const opened = await send(
    'van-lang.council',
    '/councils/sessions',
    { title: `Phiên ${tag}`, dossierIds: ids },
    `open-${tag}`,
  );
  expect(opened.status).toBe(201);
  for (let m = 1; m <= 5; m++) {
    const votes = { votes: ids.map((dossierId) => ({ dossierId, vote: 'YES' })) };
    const voted = await send(
      `van-lang.member${m}`,
      `/councils/sessions/${opened.body.id}/votes`,
      votes,
      `vote-${tag}-${m}`,
    );
    expect(voted.status).toBe(200);
  }
  return opened.body.id as string;
}

/**
 * The council of van-lang passes the dossiers the only way the workflow allows: a session, every member's yes
 * and the close, followed until its workflow has moved them all (each request retried until answered).
 */
async function passCouncil(ids: string[], tag: string): Promise<string> {
  const sessionId = await openAndVote(ids, tag);
  const closed = await send('van-lang.council', `/councils/sessions/${sessionId}/close`, {}, `close-${tag}`);
  expect(closed.status).toBe(202);
  const view = await closedSession(sessionId);
  expect(view.items.map((i: { outcome: string }) => i.outcome)).toEqual(ids.map(() => 'APPROVED'));
  return sessionId;
}

/** Follows a closing session until its close workflow has given every dossier its outcome. */
async function closedSession(sessionId: string, timeoutMs = 180_000) {
  const auth = `Bearer ${await token('van-lang.council')}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(base())
      .get(`/councils/sessions/${sessionId}`)
      .set('Authorization', auth)
      .catch(() => null);
    if (res?.status === 200 && res.body.closing?.complete) return res.body;
    if (Date.now() > deadline) throw new Error(`session ${sessionId} never finished closing`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Drives every dossier through `steps` from `lanes` concurrent clients; calls `midway` after `at` actions. */
async function burst(
  ids: string[],
  tag: string,
  lanes: number,
  at: number,
  midway: () => Promise<void>,
  steps: Steps = TO_COUNCIL,
) {
  let done = 0;
  let fired: Promise<void> | null = null;
  const statuses: number[] = [];
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        for (const [user, action] of steps) {
          const res = await send(
            user,
            `/dossiers/${id}/${action}`,
            action === 'decide' ? { decision } : {},
            `${tag}-${id}-${action}-${user}`,
          );
          statuses.push(res.status);
          if (++done === at) fired = midway();
        }
      }
    }),
  );
  await fired;
  return statuses;
}

async function db<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: pg.url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Waits until the read model shows every dossier with exactly the expected actions, once each, in order. */
async function expectLandedOnce(ids: string[], actions: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db<{ dossier_id: string; actions: string[]; seqs: number[] }>(
      `SELECT dossier_id, array_agg(action ORDER BY seq) AS actions, array_agg(seq ORDER BY seq) AS seqs
       FROM dossier_events WHERE dossier_id = ANY($1) GROUP BY dossier_id`,
      [ids],
    ).catch(() => []);
    const complete = rows.length === ids.length && rows.every((r) => r.actions.length >= actions.length);
    if (complete || Date.now() > deadline) {
      expect(rows).toHaveLength(ids.length);
      for (const r of rows) {
        expect(r.actions).toEqual(actions);
        expect(r.seqs).toEqual(actions.map((_, i) => i + 1));
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const FULL = ['create', 'submit', 'approve', 'approve', 'approve', 'decide'];

/** After a burst to the council: the session that passes them all, then the decisions. */
async function councilAndDecisions(ids: string[], tag: string): Promise<number[]> {
  await passCouncil(ids, tag);
  return burst(ids, tag, 8, 0, async () => undefined, DECIDE);
}

test('the worker killed during a burst of 120 actions and restarted: every action lands exactly once', async () => {
  const ids = await createDossiers(40, 'worker');
  const statuses = await burst(ids, 'worker', 8, 60, async () => {
    await worker.kill();
    await new Promise((r) => setTimeout(r, 1000));
    worker = await startWorkerProcess(env);
  });
  expect(statuses).toHaveLength(120);
  expect(statuses.every((s) => s === 200)).toBe(true);
  const decided = await councilAndDecisions(ids, 'worker');
  expect(decided.every((s) => s === 200)).toBe(true);
  await expectLandedOnce(ids, FULL);
  const rows = await db<{ status: string }>(`SELECT status FROM dossiers WHERE id = ANY($1)`, [ids]);
  expect(rows.every((r) => r.status === 'APPROVED')).toBe(true);
  // The dashboard writer's drain died with the worker (its batch rolled back, its marks kept): retried on the new
  // worker after its heartbeat timeout, it counts every dossier once.
  const ds = await openDataSource(pg.url, { poolSize: 2, applicationName: 'faults-dashboards' });
  try {
    await expectDashboardAggregatesToMatchRawTables(ds);
    const [{ approved }] = await db<{ approved: number }>(
      `SELECT n AS approved FROM summary_dossier_counts WHERE scope = '*' AND status = 'APPROVED'`,
    );
    expect(approved).toBeGreaterThanOrEqual(ids.length);
  } finally {
    await ds.destroy();
  }
});

test('the API killed mid-burst while clients retry with the same Idempotency-Key: each applied once', async () => {
  const ids = await createDossiers(40, 'api');
  const statuses = await burst(ids, 'api', 8, 70, async () => {
    await api.kill();
    api = await startApiProcess(env);
  });
  expect(statuses).toHaveLength(120);
  expect(statuses.every((s) => s === 200)).toBe(true);
  const decided = await councilAndDecisions(ids, 'api');
  expect(decided.every((s) => s === 200)).toBe(true);
  await expectLandedOnce(ids, FULL);
});

test('the worker killed while a session of 200 dossiers closes: every dossier moves exactly once', async () => {
  const ids = await createDossiers(200, 'close');
  const statuses = await burst(ids, 'close', 8, 0, async () => undefined);
  expect(statuses.every((s) => s === 200)).toBe(true);
  const sessionId = await openAndVote(ids, 'close');
  const moved = async () =>
    (
      await db<{ n: number }>(`SELECT count(*)::int AS n FROM dossier_events WHERE request_id LIKE $1`, [
        `council-${sessionId}-%`,
      ])
    )[0].n;
  const accepted = await send('van-lang.council', `/councils/sessions/${sessionId}/close`, {}, `close-${sessionId}`);
  expect(accepted.status).toBe(202);
  expect(accepted.body.closing).toMatchObject({ total: 200 });
  while ((await moved()) < 20) await new Promise((r) => setTimeout(r, 50));
  await worker.kill();
  const atKill = await moved();
  expect(atKill).toBeLessThan(200); // killed in the middle
  await new Promise((r) => setTimeout(r, 1000));
  worker = await startWorkerProcess(env);

  const view = await closedSession(sessionId);
  expect(view.items.map((i: { outcome: string }) => i.outcome)).toEqual(ids.map(() => 'APPROVED'));
  // Exactly one council transition per dossier, and nothing else moved.
  const perDossier = await db<{ dossier_id: string; n: number }>(
    `SELECT dossier_id, count(*)::int AS n FROM dossier_events WHERE request_id LIKE $1 GROUP BY dossier_id`,
    [`council-${sessionId}-%`],
  );
  expect(perDossier).toHaveLength(200);
  expect(perDossier.every((r) => r.n === 1)).toBe(true);
  await expectLandedOnce(ids, ['create', 'submit', 'approve', 'approve', 'approve']);
  const at = await db<{ stage: string }>(`SELECT current_stage_name AS stage FROM dossiers WHERE id = ANY($1)`, [ids]);
  expect(new Set(at.map((r) => r.stage))).toEqual(new Set(['DECISION']));
});

test('the API killed while a decision of 60 dossiers is carried out: it resumes, each decided exactly once', async () => {
  const ids = await createDossiers(60, 'decision');
  expect((await burst(ids, 'decision', 8, 0, async () => undefined)).every((s) => s === 200)).toBe(true);
  await passCouncil(ids, 'decision');
  const body = { number: '88/QĐ-UBND', date: '2026-11-26', signer: 'Chủ tịch UBND huyện Văn Lãng', dossierIds: ids };
  const accepted = await send('van-lang.approver', '/decisions', body, 'decision-88');
  expect(accepted.status).toBe(202);
  const decisionId = accepted.body.id as string;
  const decided = async () =>
    (
      await db<{ n: number }>(`SELECT count(*)::int AS n FROM decision_items WHERE decision_id = $1 AND status = 200`, [
        decisionId,
      ])
    )[0].n;
  while ((await decided()) < 10) await new Promise((r) => setTimeout(r, 50));
  await api.kill();
  const atKill = await decided();
  expect(atKill).toBeLessThan(60); // killed in the middle
  api = await startApiProcess(env);

  // The operation resumes on the restarted API (the killed one's activities time out and are retried).
  const auth = `Bearer ${await token('van-lang.approver')}`;
  const deadline = Date.now() + 180_000;
  let op;
  for (;;) {
    const res = await request(base())
      .get(accepted.body.links.operation)
      .set('Authorization', auth)
      .catch(() => null);
    if (res?.status === 200 && res.body.complete) {
      op = res.body;
      break;
    }
    if (Date.now() > deadline) throw new Error(`decision ${decisionId} never finished: ${JSON.stringify(res?.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  expect({ total: op.total, done: op.done, failed: op.failed }).toEqual({ total: 60, done: 60, failed: 0 });
  const view = await request(base()).get(`/decisions/${decisionId}`).set('Authorization', auth);
  expect(view.body).toMatchObject({ decided: 60, failed: 0, pending: 0, pdfAvailable: true });
  // Exactly one decide per dossier, and nothing else moved.
  await expectLandedOnce(ids, FULL);
  // A retry of the request after the end starts nothing and decides nothing again.
  const again = await send('van-lang.approver', '/decisions', body, 'decision-88');
  expect(again.status).toBe(202);
  expect(again.body.links.operation).toBe(accepted.body.links.operation);
});

let waiting: string[] = [];

test('PostgreSQL stopped for 30 s: actions are accepted and reach the read model after it returns; reads answer 503, never 500', async () => {
  waiting = await createDossiers(6, 'pg');
  for (const id of waiting) {
    expect((await send('xa-hoang-van-thu.clerk', `/dossiers/${id}/submit`, {}, `pg-submit-${id}`)).status).toBe(200);
  }
  await expectLandedOnce(waiting, ['create', 'submit']);
  const reader = `Bearer ${await token('van-lang.leader')}`;
  const approver = `Bearer ${await token('xa-hoang-van-thu.approver')}`;

  const stoppedAt = Date.now();
  await pg.stop();
  for (const id of waiting) {
    const res = await request(base())
      .post(`/dossiers/${id}/approve`)
      .set('Authorization', approver)
      .set('Idempotency-Key', `pg-approve-${id}`)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'IN_PROGRESS',
      currentStage: { name: 'APPRAISAL', orgUnitCode: 'van-lang' },
    });
  }
  const seen: number[] = [];
  while (Date.now() - stoppedAt < 30_000) {
    for (const path of ['/dossiers?limit=5', '/inbox', '/health', '/org-units']) {
      seen.push((await request(base()).get(path).set('Authorization', reader)).status);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  // Signing in needs the database too: 503 as well (tried once: login is throttled).
  seen.push(
    (await request(base()).post('/auth/login').send({ username: 'van-lang.leader', password: PASSWORD })).status,
  );
  expect(seen.length).toBeGreaterThan(20);
  expect(new Set(seen)).toEqual(new Set([503]));

  pg = await startPostgresProcess(join(dir, 'pg'), pgPort, 'dossiers');
  await expectLandedOnce(waiting, ['create', 'submit', 'approve']);
  const list = await request(base()).get('/dossiers?limit=5').set('Authorization', reader);
  expect(list.status).toBe(200);
});

test('the Temporal dev server restarted with its database file: every workflow continues', async () => {
  await temporal.stop();
  temporal = await startTemporalDevServer({ port: temporalPort, dbFile: join(dir, 'temporal.db') });
  for (const id of waiting) {
    const res = await send('van-lang.reviewer', `/dossiers/${id}/approve`, {}, `restart-approve-${id}`);
    expect(res.status).toBe(200);
    expect(res.body.currentStage).toMatchObject({ name: 'COUNCIL', orgUnitCode: 'van-lang' });
  }
  const last = waiting[0];
  expect((await send('van-lang.council', `/dossiers/${last}/approve`, {}, `restart-council-${last}`)).status).toBe(409);
  await passCouncil([last], 'restart');
  const decided = await send('van-lang.approver', `/dossiers/${last}/decide`, { decision }, `restart-decide-${last}`);
  expect(decided.body.status).toBe('APPROVED');
  await expectLandedOnce([last], FULL);
});
