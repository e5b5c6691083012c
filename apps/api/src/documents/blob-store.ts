import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Env } from '../../../../libs/config/env';

/** Content-addressed storage of document bytes: the key is the SHA-256 of the content, written once. */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  put(sha256: string, content: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** `<sha[0..2]>/<sha>`: two hex characters fan the files out over 256 folders. */
export const blobKey = (sha256: string): string => `${sha256.slice(0, 2)}/${sha256}`;

/** Files under a directory (DOCUMENTS_DIR). */
export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;
  constructor(private readonly dir: string) {}

  path(sha256: string): string {
    return join(this.dir, blobKey(sha256));
  }

  async put(sha256: string, content: Buffer): Promise<void> {
    const target = this.path(sha256);
    await mkdir(dirname(target), { recursive: true });
    // Write-once: an existing blob has the same content by construction, so it is left untouched. A
    // temporary file renamed into place means a crash never leaves a half-written blob under its hash.
    try {
      await stat(target);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // The temporary name is unique per put: simultaneous puts of one content (a batch's shared tờ trình)
    // each write their own file, and whichever rename lands last replaces identical bytes atomically.
    const tmp = `${target}.${randomUUID()}.tmp`;
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, target);
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.path(sha256));
  }
}

/** An S3-compatible bucket (AWS S3, MinIO, Ceph…), configured by the S3_* variables. */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromEnv(env: Env): S3BlobStore {
    const client = new S3Client({
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials:
        env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
    return new S3BlobStore(client, env.S3_BUCKET!);
  }

  async put(sha256: string, content: Buffer): Promise<void> {
    const key = blobKey(sha256);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return; // write-once
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 404) throw err;
    }
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: content }));
  }

  async get(sha256: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: blobKey(sha256) }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }
}

export function blobStoreFromEnv(env: Env): BlobStore {
  return env.DOCUMENTS_STORE === 's3' ? S3BlobStore.fromEnv(env) : new LocalBlobStore(env.DOCUMENTS_DIR);
}
