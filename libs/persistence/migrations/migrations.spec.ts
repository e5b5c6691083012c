import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './index';

/** Each migration's source, in the order they run. */
const sources = (): { name: string; text: string }[] => {
  const files = readdirSync(__dirname).filter((f) => /^\d{13}-.*\.ts$/.test(f) && !f.endsWith('.spec.ts'));
  return files.sort().map((f) => ({ name: f, text: readFileSync(join(__dirname, f), 'utf8') }));
};

describe('migrations', () => {
  it('are listed in the order of their timestamps, each file once', () => {
    const names = MIGRATIONS.map((m) => new m().name ?? m.name);
    const stamps = names.map((n) => n.match(/(\d{13})$/)![1]);
    expect(stamps).toEqual([...stamps].sort());
    expect(stamps).toEqual(sources().map((s) => s.name.slice(0, 13)));
  });

  it('never restate an SQL function: each is created once, by one migration, and never replaced', () => {
    const createdBy = new Map<string, string>();
    const restated: string[] = [];
    for (const { name, text } of sources()) {
      if (/CREATE\s+OR\s+REPLACE\s+FUNCTION/i.test(text)) restated.push(`${name}: CREATE OR REPLACE FUNCTION`);
      for (const m of text.matchAll(/CREATE\s+FUNCTION\s+([a-z_][a-z0-9_]*)/gi)) {
        const fn = m[1].toLowerCase();
        const first = createdBy.get(fn);
        if (first && first !== name) restated.push(`${name}: ${fn} (first created by ${first})`);
        createdBy.set(fn, first ?? name);
      }
    }
    expect(restated).toEqual([]);
    // Not vacuous: the audit log's append-only guard is a function a migration creates.
    expect(createdBy.has('dossier_events_append_only')).toBe(true);
  });

  it('keep the dashboards off triggers: no migration after the writer creates a trigger on the read model', () => {
    const after = sources().filter((s) => s.name >= '1764800000000');
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((s) => /CREATE\s+TRIGGER/i.test(s.text)).map((s) => s.name)).toEqual([]);
  });
});
