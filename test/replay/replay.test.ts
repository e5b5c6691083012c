import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';

/**
 * Replays every recorded history (test/fixtures/histories, written by `npm run record-histories`) against
 * the current workflow code: a change that would break a dossier in flight fails here with a
 * nondeterminism error, and must go behind `patched()`.
 */
const dir = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.binpb'));

beforeAll(() => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
});

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(4);
});

test.each(files)('%s replays against the current workflow code', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(join(dir, file)));
  expect(history.events.length).toBeGreaterThan(3);
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history, `replay-${file}`);
});
