import request from 'supertest';
import type { OperationView } from '../../apps/web/src/api/types';

/** A logged-in demo user talking to the API over real HTTP. */
export interface Caller {
  username: string;
  get(path: string): request.Test;
  post(path: string, body?: object, headers?: Record<string, string>): request.Test;
  put(path: string, body?: object): request.Test;
  /** A request with the caller's token, for anything else (multipart uploads, downloads). */
  raw(method: 'get' | 'post' | 'put', path: string): request.Test;
}

export function apiClient(baseUrl: string, password: string) {
  const tokens = new Map<string, string>();
  async function as(username: string): Promise<Caller> {
    let token = tokens.get(username);
    if (!token) {
      const res = await request(baseUrl).post('/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      token = res.body.accessToken as string;
      tokens.set(username, token);
    }
    const auth = `Bearer ${token}`;
    return {
      username,
      get: (path) => request(baseUrl).get(path).set('Authorization', auth),
      post: (path, body = {}, headers = {}) =>
        request(baseUrl).post(path).set('Authorization', auth).set(headers).send(body),
      put: (path, body = {}) => request(baseUrl).put(path).set('Authorization', auth).send(body),
      raw: (method, path) => request(baseUrl)[method](path).set('Authorization', auth),
    };
  }
  return { as, anonymous: () => request(baseUrl) };
}

/** A long operation as GET /operations/:id answers it: the type the web app reads it by. */
export type Operation = OperationView;

/**
 * Follows a long operation a 202 answered (its `Location`) until it completed, as a page would, and answers
 * its last view. Fails the test if it never completes in `timeoutMs`.
 */
export async function followOperation(
  caller: Caller,
  accepted: request.Response,
  timeoutMs = 120_000,
): Promise<Operation> {
  if (accepted.status !== 202) throw new Error(`expected 202, got ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const location = accepted.headers.location as string;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await caller.get(location);
    if (res.status !== 200) throw new Error(`GET ${location}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.complete) return res.body as Operation;
    if (Date.now() > deadline) throw new Error(`operation ${location} not complete: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
