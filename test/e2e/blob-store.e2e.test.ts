import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import {
  LocalBlobStore,
  S3BlobStore,
  blobKey,
  sha256Of,
  type BlobStore,
} from '../../apps/api/src/documents/blob-store';
import { freePort } from '../../libs/devstack/temporal-server';

/** The S3 store against a real S3-compatible server (s3rver, in-process), and the local store on disk. */
let server: S3rver;
let dir: string;
let s3: S3BlobStore;
let local: LocalBlobStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'blob-store-'));
  const port = await freePort();
  server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: 'dossier-documents', configs: [] }],
  });
  await server.run();
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  s3 = new S3BlobStore(client, 'dossier-documents');
  local = new LocalBlobStore(join(dir, 'local'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['s3', () => s3],
  ['local', () => local],
] as [string, () => BlobStore][])('%s blob store', (_name, store) => {
  it('round-trips content under its hash, and is write-once', async () => {
    const content = Buffer.from(`%PDF-1.4 Biên bản họp Hội đồng ${_name}`);
    const sha = sha256Of(content);
    await store().put(sha, content);
    expect(await store().get(sha)).toEqual(content);
    // A second put of the same hash leaves the first bytes in place.
    await store().put(sha, Buffer.from('other bytes'));
    expect(await store().get(sha)).toEqual(content);
    await expect(store().get(sha256Of(Buffer.from('never stored')))).rejects.toThrow();
  });
});

it('the local store lays files out as <sha[0..2]>/<sha>', async () => {
  const content = Buffer.from('layout');
  const sha = sha256Of(content);
  await local.put(sha, content);
  expect(blobKey(sha)).toBe(`${sha.slice(0, 2)}/${sha}`);
  expect(readFileSync(join(dir, 'local', sha.slice(0, 2), sha))).toEqual(content);
});

describe('local blob store under simultaneous uploads', () => {
  it('stores the same content put many times at once (every dossier of a batch uploads the same tờ trình)', async () => {
    // Regression: the temporary file was named by pid and millisecond and opened exclusively, so two puts of
    // one content in the same millisecond collided (EEXIST) and the upload answered 500.
    const content = Buffer.from('%PDF-1.4 Tờ trình dùng chung cho cả đợt');
    const sha = sha256Of(content);
    const fresh = new LocalBlobStore(join(dir, 'simultaneous'));
    const results = await Promise.allSettled(Array.from({ length: 64 }, () => fresh.put(sha, content)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await fresh.get(sha)).toEqual(content);
    expect(readFileSync(join(dir, 'simultaneous', blobKey(sha)))).toEqual(content);
  });
});
