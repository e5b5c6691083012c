import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPrebuiltBundle } from './prebuilt-bundle';

describe('freshPrebuiltBundle', () => {
  let dir: string;
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bundle-spec-'));
    mkdirSync(join(dir, 'workflows'));
    mkdirSync(join(dir, 'libs', 'domain'), { recursive: true });
    writeFileSync(join(dir, 'workflows', 'index.js'), '');
    writeFileSync(join(dir, 'libs', 'domain', 'route.js'), '');
    at(join(dir, 'workflows', 'index.js'), 1000);
    at(join(dir, 'libs', 'domain', 'route.js'), 1000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const inputs = () => [join(dir, 'workflows'), join(dir, 'libs')];

  it('is none when nothing was bundled', () => {
    expect(freshPrebuiltBundle(join(dir, 'workflow-bundle.js'), inputs())).toBeNull();
  });

  it('is the bundle when it is newer than every compiled input', () => {
    const bundle = join(dir, 'workflow-bundle.js');
    writeFileSync(bundle, '');
    at(bundle, 2000);
    expect(freshPrebuiltBundle(bundle, inputs())).toBe(bundle);
  });

  it('is none when a compiled file, however deep, is newer than the bundle (tsc ran without bundling)', () => {
    const bundle = join(dir, 'workflow-bundle.js');
    writeFileSync(bundle, '');
    at(bundle, 2000);
    at(join(dir, 'libs', 'domain', 'route.js'), 3000);
    expect(freshPrebuiltBundle(bundle, inputs())).toBeNull();
  });
});
