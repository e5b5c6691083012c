/**
 * The engine as it runs in production, for the benchmarks: the compiled worker and API as processes of their
 * own (so each one's memory can be read from /proc), on a database of the benchmark's own on the shared
 * PostgreSQL, migrated and seeded with the demo users, against the shared Temporal dev server. Clients talk
 * to it over HTTP with fetch, as a browser would.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { migrate } from '../../apps/api/migrate';
import { freePort } from '../../libs/devstack/temporal-server';
import { watchCpu } from './load';
import { startApiProcess, startWorkerProcess, type Proc } from '../../test/support/processes';

export const BENCH_PASSWORD = 'bench-demo-password';

export interface Engine {
  baseUrl: string;
  databaseUrl: string;
  worker: Proc;
  api: Proc;
  /** Logs in once per user (the login throttle is raised for the benchmark) and returns a bearer header. */
  bearer(username: string): Promise<string>;
  /** A query on the engine's database, from the benchmark's side (read-model catch-up). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A fresh database named `name` on the benchmarks' PostgreSQL; returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  const base = new URL(process.env.BENCH_DATABASE_URL!);
  const admin = new PgClient({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  return base.toString();
}

export async function startEngine(name: string, extraEnv: Record<string, string> = {}): Promise<Engine> {
  const databaseUrl = await createDatabase(`engine_${name}`);
  await migrate(databaseUrl, { seed: true, password: BENCH_PASSWORD });
  const documentsDir = mkdtempSync(join(tmpdir(), `bench-documents-${name}-`));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: process.env.BENCH_TEMPORAL_ADDRESS!,
    TEMPORAL_TASK_QUEUE: `bench-${name}`,
    PORT: String(port),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    JWT_EXPIRES_IN: '4h',
    LOGIN_RATE_LIMIT: '10000',
    DEMO_SEED: 'false',
    DOCUMENTS_DIR: documentsDir,
    ...extraEnv,
  };
  const worker = await startWorkerProcess(env);
  const api = await startApiProcess(env).catch(async (err: unknown) => {
    await worker.stop();
    throw err;
  });
  const baseUrl = `http://127.0.0.1:${port}/api/v1`;
  const pg = new PgClient({ connectionString: databaseUrl, application_name: 'bench-observer' });
  await pg.connect();
  const tokens = new Map<string, Promise<string>>();
  return {
    baseUrl,
    databaseUrl,
    worker,
    api,
    bearer(username) {
      let token = tokens.get(username);
      if (!token) {
        token = (async () => {
          const res = await fetch(`${baseUrl}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: BENCH_PASSWORD }),
          });
          if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
          return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
        })();
        tokens.set(username, token);
      }
      return token;
    },
    async sql(text, params) {
      return (await pg.query(text, params)).rows;
    },
    async stop() {
      await pg.end().catch(() => undefined);
      await api.stop();
      await worker.stop();
      rmSync(documentsDir, { recursive: true, force: true });
    },
  };
}

export interface RouteStage {
  index: number;
  name: string;
  orgUnitCode: string;
  role: string;
}

export interface CreatedDossier {
  id: string;
  route: { stages: RouteStage[] };
}

/** The demo user who acts on a stage: `<org>.<role>`. */
export const actorOf = (stage: Pick<RouteStage, 'orgUnitCode' | 'role'>): string =>
  `${stage.orgUnitCode}.${stage.role.toLowerCase()}`;

export const DECISION = { number: '1234/QĐ-TTg', date: '2026-11-25', signer: 'Thủ tướng Chính phủ' };

/** Requests answered 503 and retried, per benchmark run (a figure worth printing beside the timings). */
export const retries = { count: 0 };

/**
 * One JSON request; anything but the expected status is an error (a benchmark never counts a failure). A
 * 503 (Temporal or PostgreSQL momentarily unavailable under load) is retried with the same Idempotency-Key,
 * as the API asks its clients to do, and counted in `retries`.
 */
export async function call<T = unknown>(
  engine: Engine,
  username: string,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  expected = method === 'POST' && path === '/dossiers' ? 201 : 200,
): Promise<T> {
  const key = method === 'POST' ? randomUUID() : undefined;
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${engine.baseUrl}${path}`, {
      method,
      headers: {
        authorization: await engine.bearer(username),
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 503 && attempt < 20) {
      retries.count += 1;
      await new Promise((r) => setTimeout(r, 250 * Math.min(attempt, 8)));
      continue;
    }
    if (res.status !== expected) throw new Error(`${username} ${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export const CLERK = 'xa-hoang-van-thu.clerk';
export const AWARD = 'BANG_KHEN_THU_TUONG';

export function createDossier(engine: Engine, label: string): Promise<CreatedDossier> {
  return call<CreatedDossier>(engine, CLERK, 'POST', '/dossiers', {
    awardCode: AWARD,
    nominee: { kind: 'INDIVIDUAL', name: `Nguyễn Văn ${label}` },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2026',
  });
}

const DOCUMENT_CODES = ['TO_TRINH', 'BAO_CAO_THANH_TICH', 'BIEN_BAN_XET'];
const PDF = Buffer.from('%PDF-1.4\n% bench\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The papers submission needs (set-up, never part of a timed figure): the same bytes every time. */
export async function attachDocuments(engine: Engine, id: string): Promise<void> {
  for (const code of DOCUMENT_CODES) {
    const form = new FormData();
    form.set('docType', code);
    form.set('file', new Blob([PDF], { type: 'application/pdf' }), `${code}.pdf`);
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${engine.baseUrl}/dossiers/${id}/documents`, {
        method: 'POST',
        headers: { authorization: await engine.bearer(CLERK) },
        body: form,
      });
      if (res.status === 503 && attempt < 20) {
        retries.count += 1;
        await new Promise((r) => setTimeout(r, 250 * Math.min(attempt, 8)));
        continue;
      }
      if (res.status !== 201) throw new Error(`upload ${code} to ${id}: ${res.status} ${await res.text()}`);
      break;
    }
  }
}

/**
 * The action that moves a dossier past a stage, as its own actor does it; a COUNCIL stage passes only by a
 * session (opened, five yes votes, closed and followed until its close workflow has moved it), as the
 * workflow requires since issue 14.
 */
export async function advance(engine: Engine, id: string, stage: RouteStage): Promise<unknown> {
  if (stage.name === 'DECISION') {
    return call(engine, actorOf(stage), 'POST', `/dossiers/${id}/decide`, { decision: DECISION });
  }
  if (stage.name !== 'COUNCIL') {
    return call(engine, actorOf(stage), 'POST', `/dossiers/${id}/approve`, { comment: 'Đồng ý' });
  }
  const secretary = actorOf(stage);
  const session = await call<{ id: string }>(
    engine,
    secretary,
    'POST',
    '/councils/sessions',
    { title: `Phiên ${id}`, dossierIds: [id] },
    201,
  );
  for (let m = 1; m <= 5; m++) {
    await call(engine, `${stage.orgUnitCode}.member${m}`, 'POST', `/councils/sessions/${session.id}/votes`, {
      votes: [{ dossierId: id, vote: 'YES' }],
    });
  }
  await call(engine, secretary, 'POST', `/councils/sessions/${session.id}/close`, {}, 202);
  // The close answers at once; its workflow moves the dossier.
  for (;;) {
    const view = await call<{ closing?: { complete: boolean } }>(
      engine,
      secretary,
      'GET',
      `/councils/sessions/${session.id}`,
    );
    if (view.closing?.complete) return view;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** CPU seconds per process during a phase: the engine's two, the servers, and the benchmark's own clients. */
export function watchPhaseCpu(processes: Record<string, number | undefined>) {
  const servers = watchCpu({
    ...processes,
    temporal: Number(process.env.BENCH_TEMPORAL_PID) || undefined,
    postgres: Number(process.env.BENCH_POSTGRES_PID) || undefined,
  });
  const own = process.cpuUsage();
  return {
    stop(): Record<string, number> {
      const used = servers.stop();
      const mine = process.cpuUsage(own);
      used.benchClients = Math.round((mine.user + mine.system) / 1e5) / 10;
      return used;
    },
  };
}
