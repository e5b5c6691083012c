// Shape checks for the container setup (docker-compose.yml, Dockerfile, .dockerignore). No Docker
// needed: the files are parsed and checked against each other and against tsconfig.build.json.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parseDocument } from 'yaml';

const root = resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// Compose file model (only what these tests look at)

type Env = Record<string, string | undefined>;
type EnvironmentValue = string | number | boolean | null;

interface DependsOnEntry {
  condition?: string;
  required?: boolean;
}

interface LongPort {
  target?: number | string;
  published?: number | string;
  host_ip?: string;
}

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, EnvironmentValue> | string[];
  depends_on?: string[] | Record<string, DependsOnEntry>;
  ports?: (string | number | LongPort)[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  volumes?: (string | { type?: string; source?: string })[];
  configs?: (string | { source: string; target?: string })[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, unknown>;
  [key: string]: unknown;
}

// Docker Compose resolves YAML merge keys (<<), so parse with them enabled.
const composeDoc = parseDocument(read('docker-compose.yml'), { merge: true });
const compose = composeDoc.toJS({ maxAliasCount: -1 }) as ComposeFile;
const serviceNames = Object.keys(compose.services ?? {});

const REQUIRED_SERVICES = [
  'postgresql',
  'temporal',
  'temporal-admin-tools',
  'temporal-create-namespace',
  'temporal-ui',
  'migrate',
  'api',
  'worker',
];
const APP_SERVICES = ['migrate', 'api', 'worker'];
const SEARCH_ATTRIBUTES = ['DossierStatus', 'DossierStage', 'DossierLevel', 'DossierOrgUnit', 'DossierAward'];

// Every variable the compose file may read from the environment (or from a .env file).
const KNOWN_VARIABLES = new Set([
  'APP_IMAGE',
  'COUNCIL_DEFAULT_THRESHOLD_PERCENT',
  'DATABASE_POOL_SIZE',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'DATABASE_URL',
  'DEMO_PASSWORD',
  'DEMO_SEED',
  'DOCUMENTS_MAX_BYTES',
  'DOCUMENTS_STORE',
  'JWT_EXPIRES_IN',
  'JWT_SECRET',
  'LOG_LEVEL',
  'PORT',
  'POSTGRES_DB',
  'POSTGRES_PASSWORD',
  'POSTGRES_USER',
  'S3_ACCESS_KEY_ID',
  'S3_BUCKET',
  'S3_ENDPOINT',
  'S3_FORCE_PATH_STYLE',
  'S3_REGION',
  'S3_SECRET_ACCESS_KEY',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_NAMESPACE_RETENTION',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_UI_CORS_ORIGINS',
  'TEMPORAL_UI_PORT',
]);
// Variables without a default: compose must refuse to start when they are unset.
const REQUIRED_VARIABLES = new Set(['JWT_SECRET']);

// ---------------------------------------------------------------------------------------------
// Compose interpolation: $$ is a literal $, ${NAME}, ${NAME:-default}, ${NAME-default},
// ${NAME:?error}, ${NAME?error}, ${NAME:+alt}, ${NAME+alt}, nested in the argument.

interface Interpolation {
  name: string;
  operator: string;
  argument: string;
}

class MissingVariableError extends Error {}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unterminated \${ in ${JSON.stringify(text)}`);
}

function evaluate(found: Interpolation, env: Env, seen?: Interpolation[]): string {
  const value = env[found.name];
  const isSet = value !== undefined;
  const nonEmpty = isSet && value !== '';
  // The argument is interpolated even when unused, so that nested variables are always seen.
  const argument = interpolate(found.argument, env, seen);
  switch (found.operator) {
    case '':
      return value ?? '';
    case ':-':
      return nonEmpty ? value : argument;
    case '-':
      return isSet ? value : argument;
    case ':?':
    case '?':
      if (found.operator === ':?' ? !nonEmpty : !isSet) {
        throw new MissingVariableError(`required variable ${found.name} is missing a value: ${argument}`);
      }
      return value ?? '';
    case ':+':
      return nonEmpty ? argument : '';
    case '+':
      return isSet ? argument : '';
    default:
      throw new Error(`unsupported interpolation operator ${found.operator}`);
  }
}

function interpolate(text: string, env: Env, seen?: Interpolation[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const next = text[i + 1];
    if (text[i] !== '$') {
      out += text[i];
      i += 1;
    } else if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 1);
      const body = text.slice(i + 2, end);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      if (!match) throw new Error(`malformed interpolation \${${body}} in ${JSON.stringify(text)}`);
      const found: Interpolation = { name: match[1], operator: match[2] ?? '', argument: match[3] ?? '' };
      seen?.push(found);
      out += evaluate(found, env, seen);
      i = end + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      throw new Error(`unbraced $ at ${JSON.stringify(text.slice(i, i + 30))}: write $$ (shell) or \${NAME} (compose)`);
    } else {
      out += '$';
      i += 1;
    }
  }
  return out;
}

/** Every string value (compose interpolates values, not keys), with its path. */
function* stringValues(node: unknown, path = ''): Generator<[string, string]> {
  if (typeof node === 'string') {
    yield [path, node];
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i += 1) yield* stringValues(node[i], `${path}[${i}]`);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) yield* stringValues(value, path ? `${path}.${key}` : key);
  }
}

function resolveDeep(node: unknown, env: Env): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => resolveDeep(item, env));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveDeep(value, env)]));
  }
  return node;
}

// The stack as compose would run it with nothing but the required variables set.
const TEST_ENV: Env = { JWT_SECRET: 'test-secret' };
const resolved = resolveDeep(compose, TEST_ENV) as ComposeFile;

/**
 * A service's environment as a map. An entry without a value (`NAME:` or `- NAME`) is passed
 * through from the host only when set there: it is left out here, and listed by passThroughOf.
 */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string | null][] = Array.isArray(env)
    ? env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, null] : [entry.slice(0, eq), entry.slice(eq + 1)];
      })
    : Object.entries(env).map(([key, value]) => [key, value === null ? null : String(value)]);
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== null));
}

function passThroughOf(service: ComposeService): string[] {
  const env = service.environment ?? {};
  return Array.isArray(env)
    ? env.filter((entry) => !entry.includes('='))
    : Object.keys(env).filter((key) => env[key] === null);
}

function dependenciesOf(service: ComposeService): Record<string, DependsOnEntry> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, { condition: 'service_started' }]));
  return deps;
}

function commandText(service: ComposeService): string {
  const parts = [service.entrypoint ?? [], service.command ?? []].flat();
  return parts.join(' ');
}

function imageTag(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : '';
}

function majorOf(tag: string): number {
  return Number(/^(\d+)/.exec(tag)?.[1] ?? NaN);
}

const PORT_SHORT =
  /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\]):)?(?:(\d+(?:-\d+)?)?:)?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/;

interface PortMapping {
  hostIp?: string;
  published?: string;
  target: string;
}

function parsePort(port: string | number | LongPort): PortMapping {
  if (typeof port === 'object') {
    if (port.target === undefined) throw new Error(`port ${JSON.stringify(port)} has no target`);
    return {
      hostIp: port.host_ip,
      published: port.published === undefined ? undefined : String(port.published),
      target: String(port.target),
    };
  }
  const match = PORT_SHORT.exec(String(port));
  if (!match) throw new Error(`malformed port mapping ${JSON.stringify(port)}`);
  return { hostIp: match[1], published: match[2], target: match[3] };
}

function isPortOrRange(value: string): boolean {
  const bounds = value.split('-').map(Number);
  return (
    bounds.length <= 2 &&
    bounds.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535) &&
    (bounds.length === 1 || bounds[0] <= bounds[1])
  );
}

// ---------------------------------------------------------------------------------------------
// Dockerfile model

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name?: string;
  from: string;
  args: Record<string, string>;
  instructions: Instruction[];
}

function dockerInstructions(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue; // comments also inside continuations
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    logical.push(current + trimmed);
    current = '';
  }
  if (current !== '') logical.push(current);
  return logical.map((entry) => {
    const space = entry.search(/\s/);
    return space < 0
      ? { keyword: entry.toUpperCase(), args: '' }
      : { keyword: entry.slice(0, space).toUpperCase(), args: entry.slice(space).trim() };
  });
}

function argDefault(args: string): [string, string] | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=("?)(.*)\2$/.exec(args);
  return match ? [match[1], match[3]] : undefined;
}

function substituteArgs(text: string, args: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
    const name = (braced ?? bare) as string;
    return args[name] ?? whole;
  });
}

function dockerStages(text: string): Stage[] {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of dockerInstructions(text)) {
    const current = stages[stages.length - 1];
    if (instruction.keyword === 'FROM') {
      const words = substituteArgs(instruction.args, globalArgs)
        .split(/\s+/)
        .filter((word) => !word.startsWith('--'));
      const as = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        from: words[0],
        name: as >= 0 ? words[as + 1] : undefined,
        args: { ...globalArgs },
        instructions: [],
      });
    } else if (instruction.keyword === 'ARG') {
      const entry = argDefault(instruction.args);
      if (entry) (current ? current.args : globalArgs)[entry[0]] = entry[1];
    } else if (current) {
      current.instructions.push({ keyword: instruction.keyword, args: substituteArgs(instruction.args, current.args) });
    }
  }
  return stages;
}

const dockerfile = read('Dockerfile');
const stages = dockerStages(dockerfile);
const finalStage = stages[stages.length - 1];
const stageNamed = (name: string): Stage | undefined => stages.find((stage) => stage.name === name);
const runs = (stage: Stage): string[] => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

/** The stage's own RUN lines and those of the stages it is built FROM. */
function inheritedRuns(stage: Stage): string[] {
  const parent = stageNamed(stage.from);
  return [...(parent ? inheritedRuns(parent) : []), ...runs(stage)];
}

function baseImageOf(stage: Stage): string {
  const parent = stageNamed(stage.from);
  return parent ? baseImageOf(parent) : stage.from;
}

function workdirOf(stage: Stage): string {
  const parent = stageNamed(stage.from);
  let dir = parent ? workdirOf(parent) : '/';
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'WORKDIR') dir = posix.resolve(dir, instruction.args);
  }
  return dir;
}

const NPM_CI_ALL = /\bnpm ci\b(?![^&;|]*--omit[= ]dev)/;
const NPM_CI_PROD = /\bnpm ci\b[^&;|]*--omit[= ]dev/;

function hasNpm11(stage: Stage): boolean {
  const nodeMajor = majorOf(imageTag(baseImageOf(stage)));
  if (nodeMajor >= 24) return true; // Node 24 ships npm 11
  return inheritedRuns(stage).some((run) => {
    const match = /\bnpm (?:install|i) (?:-g|--global) "?npm@(\d+)/.exec(run);
    return match !== null && Number(match[1]) >= 11;
  });
}

interface CopyFrom {
  from: string;
  source: string;
  destination: string;
}

function copiesFrom(stage: Stage): CopyFrom[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY' && /--from=/.test(i.args))
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length) ?? '';
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, source: paths[0], destination: paths[paths.length - 1] };
    });
}

function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`not an exec-form array: ${args}`);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// What tsconfig.build.json compiles, and where it writes it

const tsBuild = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (!tsBuild) throw new Error('tsconfig.build.json could not be read');
const outDir = tsBuild.options.outDir ?? root;
const rootDir = tsBuild.options.rootDir ?? root;
const rawConfig = tsBuild.raw as { include?: string[]; exclude?: string[] };

/** The TypeScript source that compiles to a JS file under outDir (paths relative to the repo). */
function sourceOf(emitted: string): string {
  const fromRoot = relative(outDir, join(root, emitted));
  return relative(root, join(rootDir, fromRoot)).replace(/\\/g, '/').replace(/\.js$/, '.ts');
}

// The image's WORKDIR holds the repository layout (dist/ next to package.json), so the relative
// paths in the Dockerfile and in compose commands are relative to the repository root.
const ENTRY_POINTS: Record<string, string> = {
  api: 'dist/apps/api/main.js',
  worker: 'dist/apps/worker/main.js',
  migrate: 'dist/apps/api/migrate.js',
};
const ENTRY_SOURCES = ['apps/api/main.ts', 'apps/worker/main.ts', 'apps/api/migrate.ts'];

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('is plain YAML in the Compose spec layout', () => {
    expect(composeDoc.errors).toEqual([]);
    expect(composeDoc.warnings).toEqual([]);
    expect(compose.services).toBeInstanceOf(Object);
    const topLevel = ['name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'models'];
    for (const key of Object.keys(compose)) {
      expect({ key, allowed: key.startsWith('x-') || topLevel.includes(key) }).toEqual({ key, allowed: true });
    }
    expect(compose).not.toHaveProperty('version'); // obsolete in the Compose spec
  });

  it('defines the whole stack', () => {
    expect(serviceNames).toEqual(expect.arrayContaining(REQUIRED_SERVICES));
  });

  it('gives every service an image or a build', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, hasImageOrBuild: Boolean(service.image || service.build) }).toEqual({
        name,
        hasImageOrBuild: true,
      });
    }
  });

  it('pins every pulled image to a released version tag', () => {
    const pulled = Object.entries(resolved.services).filter(([, service]) => !service.build);
    for (const [name, service] of pulled) {
      const tag = imageTag(service.image ?? '');
      expect({ name, tag, pinned: /^\d+(\.\d+)*(-[\w.-]+)?$/.test(tag) }).toEqual({ name, tag, pinned: true });
    }
    const image = (name: string): string => resolved.services[name].image ?? '';
    expect(image('temporal')).toMatch(/^temporalio\/server:1\.(2\d|3\d)\.\d+$/);
    expect(image('temporal-admin-tools')).toMatch(/^temporalio\/admin-tools:/);
    expect(imageTag(image('temporal-admin-tools'))).toBe(imageTag(image('temporal'))); // bumped together
    expect(image('temporal-create-namespace')).toBe(image('temporal-admin-tools'));
    expect(image('temporal-ui')).toMatch(/^temporalio\/ui:2\.\d+\.\d+$/);
    expect(image('postgresql')).toMatch(/^postgres:1[67](\.\d+)?(-[\w.-]+)?$/);
  });

  it('builds api, worker and migrate from the Dockerfile, as one image', () => {
    const images = new Set<string>();
    for (const name of APP_SERVICES) {
      const service = resolved.services[name];
      expect(service.build).toBeDefined();
      const build = typeof service.build === 'string' ? { context: service.build } : (service.build ?? {});
      const context = resolve(root, build.context ?? '.');
      expect(context).toBe(root);
      expect(existsSync(join(context, build.dockerfile ?? 'Dockerfile'))).toBe(true);
      expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      images.add(service.image ?? `<${name}>`);
    }
    expect(images.size).toBe(1);
  });

  it('starts each process through its compiled entry point', () => {
    for (const [name, entry] of Object.entries(ENTRY_POINTS)) {
      expect(resolved.services[name].command).toEqual(['node', entry]);
    }
  });

  it('configures api and worker through environment variables', () => {
    for (const name of ['api', 'worker']) {
      const env = environmentOf(resolved.services[name]);
      for (const key of [
        'DATABASE_URL',
        'TEMPORAL_ADDRESS',
        'TEMPORAL_NAMESPACE',
        'TEMPORAL_TASK_QUEUE',
        'JWT_SECRET',
        'LOG_LEVEL',
      ]) {
        expect({ name, key, value: env[key] }).toEqual({ name, key, value: expect.stringMatching(/.+/) });
      }
      expect(env.NODE_ENV).toBe('production');
      expect(env.DEMO_SEED).toBe('false');
      expect(environmentOf(compose.services[name]).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
    }
    expect(environmentOf(resolved.services.api).PORT).toBe('3000');
  });

  it('points DATABASE_URL and TEMPORAL_ADDRESS at services of the stack', () => {
    const env = environmentOf(resolved.services.api);
    const db = new URL(env.DATABASE_URL);
    expect(db.protocol).toMatch(/^postgres(ql)?:$/);
    expect(db.hostname).toBe('postgresql');
    expect(db.port).toBe('5432');
    expect(db.pathname).toBe('/dossiers');
    const postgres = environmentOf(resolved.services.postgresql);
    expect(decodeURIComponent(db.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(db.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(postgres.POSTGRES_DB).toBe('dossiers');

    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(environmentOf(resolved.services['temporal-ui']).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(environmentOf(resolved.services['temporal-create-namespace']).TEMPORAL_NAMESPACE).toBe(
      env.TEMPORAL_NAMESPACE,
    );

    // Temporal keeps its own databases on the same PostgreSQL server, with the same credentials.
    const temporal = environmentOf(resolved.services.temporal);
    expect(temporal).toMatchObject({
      DB: 'postgres12',
      DB_PORT: '5432',
      POSTGRES_SEEDS: 'postgresql',
      POSTGRES_USER: postgres.POSTGRES_USER,
      POSTGRES_PWD: postgres.POSTGRES_PASSWORD,
    });
    expect(environmentOf(resolved.services['temporal-admin-tools'])).toMatchObject({
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: 'postgresql',
      SQL_USER: postgres.POSTGRES_USER,
      SQL_PASSWORD: postgres.POSTGRES_PASSWORD,
    });
  });

  it('refuses to start without JWT_SECRET', () => {
    expect(() => resolveDeep(compose, {})).toThrow(MissingVariableError);
    expect(() => resolveDeep(compose, { JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
  });

  it('reads only known variables, each with a default unless it is required', () => {
    const seen: Interpolation[] = [];
    for (const [path, value] of stringValues(compose)) {
      try {
        interpolate(value, TEST_ENV, seen);
      } catch (error) {
        throw new Error(`${path}: ${(error as Error).message}`);
      }
    }
    const passedThrough = Object.values(compose.services).flatMap(passThroughOf);
    const names = new Set([...seen.map((found) => found.name), ...passedThrough]);
    expect([...names].filter((name) => !KNOWN_VARIABLES.has(name))).toEqual([]);
    expect([...KNOWN_VARIABLES].filter((name) => !names.has(name))).toEqual([]); // keep the list honest
    for (const found of seen) {
      const expected = REQUIRED_VARIABLES.has(found.name) ? ':?' : ':-';
      expect({ name: found.name, operator: found.operator }).toEqual({ name: found.name, operator: expected });
    }
  });

  it('names only existing services in depends_on, with valid conditions and no cycle', () => {
    const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'];
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, entry] of Object.entries(dependenciesOf(service))) {
        expect({ name, dependency, exists: serviceNames.includes(dependency) }).toEqual({
          name,
          dependency,
          exists: true,
        });
        expect(conditions).toContain(entry.condition);
        const target = compose.services[dependency];
        if (entry.condition === 'service_healthy') {
          expect({ dependency, healthcheck: Boolean(target?.healthcheck?.test) }).toEqual({
            dependency,
            healthcheck: true,
          });
        }
        if (entry.condition === 'service_completed_successfully') {
          // a one-shot job: a restart policy that always restarts it would never let it complete
          expect(['always', 'unless-stopped']).not.toContain(target?.restart);
        }
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, trail: string[]): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`depends_on cycle: ${[...trail, name].join(' -> ')}`);
      visiting.add(name);
      for (const dependency of Object.keys(dependenciesOf(compose.services[name] ?? {}))) {
        visit(dependency, [...trail, name]);
      }
      visiting.delete(name);
      done.add(name);
    };
    for (const name of serviceNames) visit(name, []);
  });

  it('runs migrations once the database is healthy, and api and worker after them and Temporal', () => {
    expect(dependenciesOf(compose.services.migrate).postgresql).toMatchObject({ condition: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      const deps = dependenciesOf(compose.services[name]);
      expect(deps.migrate).toMatchObject({ condition: 'service_completed_successfully' });
      expect(deps.temporal).toBeDefined();
      expect(deps['temporal-create-namespace']).toMatchObject({ condition: 'service_completed_successfully' });
    }
    expect(dependenciesOf(compose.services.temporal)['temporal-admin-tools']).toMatchObject({
      condition: 'service_completed_successfully',
    });
    expect(dependenciesOf(compose.services['temporal-admin-tools']).postgresql).toMatchObject({
      condition: 'service_healthy',
    });
    for (const name of ['postgresql', 'temporal', 'api']) {
      expect({ name, healthcheck: Boolean(compose.services[name].healthcheck?.test) }).toEqual({
        name,
        healthcheck: true,
      });
    }
  });

  it('runs Temporal with the dynamic config the embedded dev server has (eager activities)', () => {
    const declared = (compose.configs ?? {})['temporal-dynamic-config'] as { content?: string } | undefined;
    const config = parseDocument(declared?.content ?? '').toJS() as Record<string, { value: unknown }[]>;
    const devstack = read('libs/devstack/temporal-server.ts');
    const embedded = [...devstack.matchAll(/'--dynamic-config-value',\s*'([\w.]+)=(\w+)'/g)];
    expect(embedded.length).toBeGreaterThan(0);
    for (const [, key, value] of embedded) {
      expect({ key, value: config[key]?.[0]?.value }).toEqual({ key, value: JSON.parse(value) });
    }
    expect(config['limit.maxIDLength']?.[0]?.value).toBe(255);
  });

  it('creates the namespace and the custom search attributes as Keyword', () => {
    const script = commandText(compose.services['temporal-create-namespace']);
    expect(script).toContain('operator namespace create');
    expect(script).toContain('--type Keyword');
    for (const attribute of SEARCH_ATTRIBUTES) expect(script).toMatch(new RegExp(`\\b${attribute}\\b`));
  });

  it('creates the same search attributes as the code defines', () => {
    // libs/contracts declares them with defineSearchAttributeKey('Name', SearchAttributeType.TYPE).
    const contracts = read('libs/contracts/index.ts');
    const defined = [...contracts.matchAll(/defineSearchAttributeKey\(\s*'(\w+)'\s*,\s*SearchAttributeType\.(\w+)/g)];
    expect(defined.map(([, name, type]) => `${name}:${type}`).sort()).toEqual(
      SEARCH_ATTRIBUTES.map((name) => `${name}:KEYWORD`).sort(),
    );
  });

  it('publishes well-formed, distinct ports', () => {
    const published = new Map<string, string>();
    for (const [name, service] of Object.entries(resolved.services)) {
      for (const port of service.ports ?? []) {
        const mapping = parsePort(port);
        expect({ name, port, target: isPortOrRange(mapping.target) }).toEqual({ name, port, target: true });
        if (mapping.published !== undefined && mapping.published !== '') {
          expect({ name, port, published: isPortOrRange(mapping.published) }).toEqual({ name, port, published: true });
          expect({ port: mapping.published, usedBy: published.get(mapping.published) ?? name }).toEqual({
            port: mapping.published,
            usedBy: name,
          });
          published.set(mapping.published, name);
        }
      }
    }
    const targets = (name: string): string[] => (resolved.services[name].ports ?? []).map((p) => parsePort(p).target);
    expect(targets('api')).toContain(environmentOf(resolved.services.api).PORT);
    expect(targets('temporal-ui')).toContain('8080');
    expect(published.get('3000')).toBe('api');
    expect(published.get('8080')).toBe('temporal-ui');
  });

  it('declares the named volumes and configs it mounts', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        const isNamed = source !== undefined && /^[A-Za-z0-9][\w.-]*$/.test(source);
        if (isNamed)
          expect({ name, source, declared: source in (compose.volumes ?? {}) }).toEqual({
            name,
            source,
            declared: true,
          });
      }
      for (const config of service.configs ?? []) {
        const source = typeof config === 'string' ? config : config.source;
        expect({ name, source, declared: source in (compose.configs ?? {}) }).toEqual({ name, source, declared: true });
      }
    }
  });
});

describe('Dockerfile', () => {
  it('is multi-stage, on Debian-based Node >= 20 images', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const image = baseImageOf(stage);
      expect(image).toMatch(/^node:/);
      expect(majorOf(imageTag(image))).toBeGreaterThanOrEqual(20); // package.json engines: >=20.19
      expect(image).not.toMatch(/alpine/); // the Temporal core bridge ships glibc binaries
    }
  });

  it('installs with npm >= 11 (which honours package.json allowScripts) wherever it runs npm ci', () => {
    const installing = stages.filter((stage) => runs(stage).some((run) => /\bnpm ci\b/.test(run)));
    expect(installing.length).toBeGreaterThanOrEqual(2);
    for (const stage of installing)
      expect({ stage: stage.name, npm11: hasNpm11(stage) }).toEqual({ stage: stage.name, npm11: true });
  });

  it('builds with npm ci + npm run build and ships production dependencies only', () => {
    const build = stages.find((stage) => runs(stage).some((run) => /\bnpm run build\b/.test(run)));
    expect(build).toBeDefined();
    expect(inheritedRuns(build as Stage).some((run) => NPM_CI_ALL.test(run))).toBe(true);
    const prod = stages.find((stage) => runs(stage).some((run) => NPM_CI_PROD.test(run)));
    expect(prod).toBeDefined();

    // The final stage installs nothing itself: it copies dist/ from the build stage and
    // node_modules from the production-only install.
    expect(runs(finalStage).filter((run) => /\bnpm (ci|install|i)\b/.test(run))).toEqual([]);
    const workdir = workdirOf(finalStage);
    const copies = copiesFrom(finalStage);
    const copyOf = (dir: string): CopyFrom | undefined =>
      copies.find((copy) => posix.resolve(workdir, copy.destination) === posix.join(workdir, dir));
    expect(copyOf('dist')).toMatchObject({ from: build?.name, source: posix.join(workdirOf(build as Stage), 'dist') });
    expect(copyOf('node_modules')).toMatchObject({
      from: prod?.name,
      source: posix.join(workdirOf(prod as Stage), 'node_modules'),
    });
  });

  it('runs as a non-root user', () => {
    const users = finalStage.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users[users.length - 1]);
  });

  it('starts entry points that tsconfig.build.json emits from apps/', () => {
    const cmd = finalStage.instructions.filter((i) => i.keyword === 'CMD').pop();
    expect(cmd).toBeDefined();
    expect(execForm(cmd?.args ?? '[]')).toEqual(['node', ENTRY_POINTS.api]);
    expect(dockerfile).toContain(ENTRY_POINTS.worker);
    expect(dockerfile).toContain(ENTRY_POINTS.migrate);

    expect(resolve(outDir)).toBe(join(root, 'dist'));
    expect(Object.values(ENTRY_POINTS).map(sourceOf)).toEqual(ENTRY_SOURCES);
    const include = rawConfig.include ?? [];
    const exclude = rawConfig.exclude ?? [];
    for (const source of ENTRY_SOURCES) {
      const topDir = source.split('/')[0];
      expect(include).toContain(topDir);
      expect(exclude).not.toContain(topDir);
      expect(source).not.toMatch(/\.(spec|test)\.ts$/);
    }
  });
});

describe('.dockerignore', () => {
  const lines = read('.dockerignore')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps host dependencies, build output, tool caches and secrets out of the build context', () => {
    expect(lines).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.tools', '.data', '.git', 'coverage', 'bench/results', '.env']),
    );
  });

  it('keeps what the build needs in the build context', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'apps',
      'libs',
    ]) {
      expect(lines).not.toContain(needed);
    }
    expect(lines).not.toContain('*');
    expect(lines).not.toContain('*.json');
  });
});

describe('entry point sources', () => {
  // Fails until apps/api/main.ts, apps/worker/main.ts and apps/api/migrate.ts are written.
  it('exist, and tsconfig.build.json compiles them', () => {
    const compiled = new Set(tsBuild.fileNames.map((file) => resolve(file)));
    for (const source of ENTRY_SOURCES) {
      expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
      expect({ source, compiled: compiled.has(join(root, source)) }).toEqual({ source, compiled: true });
    }
  });
});
