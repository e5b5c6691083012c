import fc from 'fast-check';
import request from 'supertest';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

/**
 * Property-based fuzzing of every route in the OpenAPI document: random and hostile payloads (wrong
 * types, huge strings, unicode, SQL and script injection) from several roles and none. Every answer must
 * be below 500, and a rejected request must change nothing in the database.
 */
let stack: TestStack;
let api: ReturnType<typeof apiClient>;
let tokens: Record<string, string>;
let dossierId: string;

const USERS = [
  'xa-hoang-van-thu.clerk',
  'van-lang.reviewer',
  'lang-son.council',
  'trung-uong.approver',
  'dien-bien.leader',
  'admin',
];

beforeAll(async () => {
  stack = await startStack('fuzz');
  api = apiClient(stack.baseUrl, stack.demoPassword);
  tokens = {};
  for (const u of USERS) {
    const res = await api.anonymous().post('/auth/login').send({ username: u, password: stack.demoPassword });
    tokens[u] = res.body.accessToken;
  }
  const created = await (
    await api.as('xa-hoang-van-thu.clerk')
  ).post('/dossiers', {
    awardCode: 'BANG_KHEN_THU_TUONG',
    nominee: { kind: 'INDIVIDUAL', name: 'Đặng Thị Thu' },
    achievementSummary: 'Thành tích',
  });
  dossierId = created.body.id;
});
afterAll(async () => {
  await stack?.close();
});

const hostileString = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    "'; DROP TABLE dossiers; --",
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '${jndi:ldap://x}',
    '{{7*7}}',
    'Nguyễn Thị Hoa 👩‍🌾 ǅ ﷽',
    '\u202e\u200b',
    'null',
    'undefined',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat({ max: 3 }).map((k) => 'x'.repeat([300, 5_000, 70_000, 1_200_000][k])),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.constant({ __proto__: { admin: true } }),
);

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  bodyFields: string[];
  queryFields: string[];
}

async function operations(): Promise<Operation[]> {
  const doc = (await request(stack.baseUrl.replace(/\/api\/v1$/, '')).get('/api/docs-json')).body as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { name: string; in: string }[];
          requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
        }
      >
    >;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
      ops.push({
        method: method as Operation['method'],
        path: path.replace(/^\/api\/v1/, ''),
        bodyFields: Object.keys(schema?.properties ?? {}),
        queryFields: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return ops;
}

/**
 * A digest of everything a request could change. After an accepted request the projection may still be
 * writing, so then it waits until the digest is stable (`settle`).
 */
async function digest(settle = false): Promise<string> {
  let previous = '';
  for (let i = 0; i < (settle ? 40 : 1); i++) {
    const [row] = await stack.db.query(`SELECT
      (SELECT count(*) FROM dossiers) AS d, (SELECT coalesce(sum(version), 0) FROM dossiers) AS v,
      (SELECT count(*) FROM dossier_events) AS e, (SELECT count(*) FROM users) AS u,
      (SELECT coalesce(string_agg(username || role || active::text, ',' ORDER BY username), '') FROM users) AS uh,
      (SELECT count(*) FROM org_units) AS o, (SELECT coalesce(string_agg(code || name || active::text, ',' ORDER BY code), '') FROM org_units) AS oh,
      (SELECT count(*) FROM awards) AS a`);
    const now = JSON.stringify(row);
    if (!settle || now === previous) return now;
    previous = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  return previous;
}

test('every route answers random and hostile input without a 5xx, and rejected requests change nothing', async () => {
  const ops = await operations();
  expect(ops.length).toBeGreaterThan(15);
  const seen = new Map<string, Set<number>>();
  let accepted = true;
  for (const op of ops) {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<string | null>(null, ...USERS),
        fc.oneof(fc.constant(dossierId), fc.uuid(), hostileString),
        fc.oneof(
          hostileValue,
          fc.record(Object.fromEntries(op.bodyFields.map((f) => [f, hostileValue])), { requiredKeys: [] }),
          fc.string({ maxLength: 30 }).map((s) => ({ raw: s })),
        ),
        fc.dictionary(fc.constantFrom('x', ...op.queryFields), hostileString, { maxKeys: 3 }),
        async (user, param, body, query) => {
          const before = await digest(accepted);
          accepted = false;
          const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(String(param)));
          let req = request(stack.baseUrl)
            [op.method](path)
            .query(query as Record<string, string>);
          if (user) req = req.set('Authorization', `Bearer ${tokens[user]}`);
          const isRaw = body !== null && typeof body === 'object' && 'raw' in (body as object);
          // Scalars and arrays go out as JSON text; `raw` is sent as-is (often broken JSON).
          const text = isRaw ? (body as { raw: string }).raw : (JSON.stringify(body) ?? 'null');
          const res = await req.set('Content-Type', 'application/json').send(text);
          const key = `${op.method.toUpperCase()} ${op.path}`;
          if (!seen.has(key)) seen.set(key, new Set());
          seen.get(key)!.add(res.status);
          if (res.status >= 500)
            throw new Error(`${key} (${path}) answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
          if (res.status < 400) accepted = true;
          if (res.status >= 400) {
            expect(res.body).toMatchObject({
              statusCode: res.status,
              error: expect.any(String),
              correlationId: expect.any(String),
            });
            expect(await digest()).toBe(before);
          }
        },
      ),
      { numRuns: 25, seed: 20261125 },
    );
  }
  // The fuzzing reached beyond authentication on the dossier routes (validation answered, not only 401).
  const postSubmit = seen.get('POST /dossiers/{id}/submit')!;
  expect([...postSubmit].some((s) => s === 400 || s === 403 || s === 404 || s === 409)).toBe(true);
});
