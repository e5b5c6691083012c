import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../../libs/devstack/temporal-server';
import { PROJECT_ROOT } from '../../libs/devstack/tools';

/**
 * What `npm start` runs after installing and building (scripts/start.sh execs dist/apps/stack/main.js):
 * the whole system comes up healthy on embedded defaults, Ctrl-C (SIGINT) stops every process cleanly,
 * and the data survives a restart. Uses its own ports and data folder.
 */
const entry = join(PROJECT_ROOT, 'dist', 'apps', 'stack', 'main.js');
let dataDir: string;
let ports: Record<string, number>;

beforeAll(async () => {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run 'npm run build' first (npm test does)`);
  dataDir = mkdtempSync(join(tmpdir(), 'dossier-start-'));
  ports = {
    PORT: await freePort(),
    PG_PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
  };
});
// A failed assertion must not leave a stack running (Jest would then never exit): stop what is still up.
const running = new Set<ChildProcess>();
afterAll(async () => {
  await Promise.all(
    [...running]
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map((c) => new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGINT')))),
  );
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
}

function startStack(): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dataDir, 'data'), DEMO_PASSWORD: 'start-test' };
  for (const [k, v] of Object.entries(ports)) env[k] = String(v);
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'NODE_ENV']) delete env[k];
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  return { child, output: () => out };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  stack: Started,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    const exited = stack.child.exitCode !== null || stack.child.signalCode !== null;
    if (exited || Date.now() > deadline) {
      throw new Error(
        `${what} ${exited ? '(the stack exited)' : `within ${timeoutMs / 1000}s`}; output:\n${stack.output().slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

const base = () => `http://127.0.0.1:${ports.PORT}/api/v1`;
const portOpen = async (port: number) => {
  const { connect } = await import('node:net');
  return new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
};

test('the whole system starts healthy, stops cleanly on Ctrl-C, and keeps its data across a restart', async () => {
  const first = startStack();
  const health = await waitFor(
    'health up',
    async () => {
      const res = await request(base()).get('/health');
      return res.status === 200 ? res.body : undefined;
    },
    120_000,
    first,
  );
  expect(health).toMatchObject({ status: 'ok', info: { postgresql: { status: 'up' }, temporal: { status: 'up' } } });
  expect(first.output()).toContain('/api/docs');
  // The web application is served by the same process at `/`, deep links included. The banner is printed
  // just after the health check that the stack itself waits for, so wait for it too.
  const banner = `Web app      http://localhost:${ports.PORT}/`;
  await waitFor('the banner', async () => (first.output().includes(banner) ? true : undefined), 30_000, first);
  for (const path of ['/', '/dossiers/new']) {
    const page = await request(`http://127.0.0.1:${ports.PORT}`).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root"></div>');
  }

  const login = await request(base())
    .post('/auth/login')
    .send({ username: 'xa-hoang-van-thu.clerk', password: 'start-test' });
  expect(login.status).toBe(200);
  const auth = `Bearer ${login.body.accessToken}`;
  const created = await request(base())
    .post('/dossiers')
    .set('Authorization', auth)
    .send({
      awardCode: 'GIAY_KHEN',
      nominee: { kind: 'INDIVIDUAL', name: 'Lương Thị Mai' },
      achievementSummary: 'Thành tích xuất sắc',
    });
  expect(created.status).toBe(201);
  const checklist = await request(base()).get(`/dossiers/${created.body.id}/documents`).set('Authorization', auth);
  for (const code of checklist.body.missing as string[]) {
    const uploaded = await request(base())
      .post(`/dossiers/${created.body.id}/documents`)
      .set('Authorization', auth)
      .field('docType', code)
      .attach('file', Buffer.from(`%PDF-1.4\n% ${code}\n%%EOF\n`), {
        filename: `${code}.pdf`,
        contentType: 'application/pdf',
      });
    expect(uploaded.status).toBe(201);
  }
  const submitted = await request(base())
    .post(`/dossiers/${created.body.id}/submit`)
    .set('Authorization', auth)
    .send({});
  expect(submitted.status).toBe(200);
  // Wait until the read model has it too, so the restart checks both stores.
  await waitFor(
    'dossier listed',
    async () => {
      const res = await request(base()).get('/dossiers?status=IN_PROGRESS&limit=100').set('Authorization', auth);
      return res.body.items?.some((d: { id: string }) => d.id === created.body.id) ? true : undefined;
    },
    15_000,
    first,
  );

  expect(await stop(first.child)).toBe(0);
  for (const port of Object.values(ports)) expect(await portOpen(port)).toBe(false);

  const second = startStack();
  try {
    await waitFor(
      'health up after restart',
      async () => ((await request(base()).get('/health')).status === 200 ? true : undefined),
      120_000,
      second,
    );
    const again = await request(base())
      .post('/auth/login')
      .send({ username: 'xa-hoang-van-thu.clerk', password: 'start-test' });
    const view = await request(base())
      .get(`/dossiers/${created.body.id}`)
      .set('Authorization', `Bearer ${again.body.accessToken}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'IN_PROGRESS',
      currentStage: { name: 'UNIT_REVIEW', orgUnitCode: 'xa-hoang-van-thu' },
    });
    expect(view.body.history.map((e: { action: string }) => e.action)).toEqual(['create', 'submit']);
    // The workflow itself survived too: the next stage's approver can act on it.
    const approver = await request(base())
      .post('/auth/login')
      .send({ username: 'xa-hoang-van-thu.approver', password: 'start-test' });
    const approved = await request(base())
      .post(`/dossiers/${created.body.id}/approve`)
      .set('Authorization', `Bearer ${approver.body.accessToken}`)
      .send({});
    expect(approved.status).toBe(200);
  } finally {
    expect(await stop(second.child)).toBe(0);
  }
});
