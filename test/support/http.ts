import request from 'supertest';

/** A logged-in demo user talking to the API over real HTTP. */
export interface Caller {
  username: string;
  get(path: string): request.Test;
  post(path: string, body?: object, headers?: Record<string, string>): request.Test;
  put(path: string, body?: object): request.Test;
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
    };
  }
  return { as, anonymous: () => request(baseUrl) };
}
