import type {
  ActionBody,
  Award,
  Checklist,
  DocumentVersion,
  EligibilityView,
  ExtendDeadlineInput,
  Bottleneck,
  CouncilSession,
  CouncilSessionSummary,
  DashboardSummary,
  DossierFilters,
  OverdueItem,
  PriorityShareRow,
  ThroughputRow,
  Vote,
  CreateDossierInput,
  DossierAction,
  DossierSummary,
  DossierView,
  LoginResponse,
  StoredSession,
  OrgUnit,
  OperationView,
  NotificationView,
  Campaign,
  Page,
} from './types';

/** The API's one error shape, plus a status 0 for "the server could not be reached". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where the session is kept (localStorage); other tabs follow changes to it. */
export const SESSION_KEY = 'ade.session';

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    const parsed = raw ? (JSON.parse(raw) as StoredSession) : null;
    // A session stored by an earlier version of this page (no refresh token) cannot be kept alive.
    return parsed && typeof parsed.refreshToken === 'string' && typeof parsed.renewAt === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
}

/**
 * The login's (or a refresh's) answer as it is kept: renewed half a minute before the access token expires (a
 * third of its life before, for a short-lived one), so a request never goes out with a token about to lapse.
 */
export function toStored(res: LoginResponse): StoredSession {
  const lifeMs = Math.max(0, res.expiresIn) * 1000;
  return { ...res, renewAt: Date.now() + lifeMs - Math.min(30_000, lifeMs / 3) };
}

/** Why a session ended without the user asking: the server refused it, or nobody used it for a while. */
export type SessionEnd = 'expired' | 'idle';

let onUnauthenticated: (why: SessionEnd) => void = () => undefined;
/** The auth provider signs the user out when a session can no longer be renewed (revoked, idle, expired). */
export function setUnauthenticatedHandler(handler: (why: SessionEnd) => void): void {
  onUnauthenticated = handler;
}

let refreshing: Promise<StoredSession | null> | null = null;

/**
 * Trades the refresh token for a new pair, once at a time: one refresh in flight in this tab, and under a Web
 * Lock across the tabs of this browser, since a refresh token works once and the second use of it ends the
 * session (rotation). Inside the lock the session is read again: another tab may have refreshed already.
 * Returns the new session, or null when the server refused (the session is over).
 */
export function refreshSession(stale: StoredSession): Promise<StoredSession | null> {
  refreshing ??= (async () => {
    try {
      const run = () => renew(stale);
      // Web Locks exist only in secure contexts (https, localhost); elsewhere the tab's own single flight stays.
      return typeof navigator !== 'undefined' && navigator.locks
        ? await navigator.locks.request('ade.session.refresh', run)
        : await run();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function renew(stale: StoredSession): Promise<StoredSession | null> {
  const current = loadSession();
  if (!current) return null;
  if (current.refreshToken !== stale.refreshToken && Date.now() < current.renewAt) {
    return current; // another tab renewed it while this one waited for the lock
  }
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (res.status === 401) {
    saveSession(null);
    return null;
  }
  if (!res.ok) {
    // Throttled or the server failing: the session may still be good, so keep it and report the error.
    throw await errorOf(res);
  }
  const next = toStored((await res.json()) as LoginResponse);
  saveSession(next);
  return next;
}

/**
 * The session to send with a request: renewed first once it is due (`renewAt`). Null when there is none (or it
 * could not be renewed, which also signs the user out).
 */
export async function currentSession(): Promise<StoredSession | null> {
  const session = loadSession();
  if (!session || Date.now() < session.renewAt) return session;
  const next = await refreshSession(session);
  if (!next) onUnauthenticated('expired');
  return next;
}

/** Ends the session on the server too (its refresh tokens stop working) and forgets it here. */
export async function endSession(): Promise<void> {
  const session = loadSession();
  saveSession(null);
  if (!session) return;
  await fetch('/api/v1/auth/logout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  }).catch(() => undefined); // offline: the tokens expire on their own
}

/**
 * Sends a request with the session's token; a 401 (the token was revoked or expired early) renews the session
 * once and sends the request again, with the same idempotency key, before the user is signed out.
 */
async function authorised(
  send: (token: string | undefined) => Promise<Response>,
  anonymous = false,
): Promise<Response> {
  if (anonymous) return send(undefined);
  const session = await currentSession();
  const res = await send(session?.accessToken);
  if (res.status !== 401 || !session) return res;
  const next = await refreshSession(session);
  if (!next) {
    onUnauthenticated('expired');
    return res;
  }
  const again = await send(next.accessToken);
  if (again.status === 401) onUnauthenticated('expired');
  return again;
}

/** A refused response as an ApiError, from the API's error body (`data`, parsed) where there is one. */
function apiError(res: Response, data: unknown): ApiError {
  const body = (data ?? {}) as {
    error?: string;
    message?: string;
    fields?: ApiError['fields'];
    correlationId?: string;
  };
  return new ApiError(
    res.status,
    body.error ?? `HTTP_${res.status}`,
    body.message ?? res.statusText,
    body.fields ?? [],
    body.correlationId ?? res.headers.get('x-correlation-id') ?? undefined,
  );
}

/** The same, reading the body first. */
async function errorOf(res: Response): Promise<ApiError> {
  return apiError(res, await res.json().catch(() => null));
}

/** An idempotency key; crypto.randomUUID exists only in secure contexts (https or localhost). */
export function newRequestKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A file the API sends (minutes PDF, CSV): fetched with the bearer token, then saved under the name the API
 * gives in Content-Disposition. A plain link could not carry the token.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await authorised((token) =>
      fetch(`/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    );
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (!res.ok) {
    throw await errorOf(res);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function request<T>(
  method: string,
  path: string,
  opts: { body?: unknown; form?: FormData; blob?: boolean; key?: string; anonymous?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: opts.blob ? '*/*' : 'application/json' };
  // A multipart body sets its own content-type (with the boundary).
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.key) headers['idempotency-key'] = opts.key;
  let res: Response;
  try {
    res = await authorised(
      (token) =>
        fetch(`/api/v1${path}`, {
          method,
          headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
          body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
        }),
      opts.anonymous,
    );
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (res.ok && opts.blob) return (await res.blob()) as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw apiError(res, data);
  return data as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  login: (username: string, password: string) =>
    request<LoginResponse>('POST', '/auth/login', { body: { username, password }, anonymous: true }),
  awards: () => request<Award[]>('GET', '/awards'),
  orgUnits: () => request<OrgUnit[]>('GET', '/org-units'),
  inbox: (p: { limit?: number; cursor?: string } = {}) => request<Page<DossierSummary>>('GET', `/inbox${query(p)}`),
  dossiers: (p: DossierFilters & { limit?: number; cursor?: string } = {}) =>
    request<Page<DossierSummary>>('GET', `/dossiers${query({ ...p })}`),
  dossier: (id: string) => request<DossierView>('GET', `/dossiers/${encodeURIComponent(id)}`),
  create: (input: CreateDossierInput, key: string) => request<DossierView>('POST', '/dossiers', { body: input, key }),
  act: (id: string, action: DossierAction, body: ActionBody, key: string) =>
    request<DossierView>('POST', `/dossiers/${encodeURIComponent(id)}/${action}`, { body, key }),
  documents: (id: string) => request<Checklist>('GET', `/dossiers/${encodeURIComponent(id)}/documents`),
  upload: (id: string, docType: string, file: File) => {
    const form = new FormData();
    form.append('docType', docType);
    form.append('file', file, file.name);
    return request<DocumentVersion>('POST', `/dossiers/${encodeURIComponent(id)}/documents`, { form });
  },
  download: (id: string, documentId: string) =>
    request<Blob>('GET', `/dossiers/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/content`, {
      blob: true,
    }),
  eligibility: (id: string) => request<EligibilityView>('GET', `/dossiers/${encodeURIComponent(id)}/eligibility`),
  extendDeadline: (id: string, body: ExtendDeadlineInput, key: string) =>
    request<DossierView>('POST', `/dossiers/${encodeURIComponent(id)}/extend-deadline`, { body, key }),
  bulk: (body: { action: DossierAction; ids: string[]; comment?: string }, key: string) =>
    request<OperationView>('POST', '/dossiers/actions', { body, key }),
  operation: (id: string) => request<OperationView>('GET', `/operations/${encodeURIComponent(id)}`),
  councilSessions: (status?: 'OPEN' | 'CLOSED') =>
    request<{ items: CouncilSessionSummary[] }>('GET', `/councils/sessions${query({ status })}`),
  councilSession: (id: string) => request<CouncilSession>('GET', `/councils/sessions/${encodeURIComponent(id)}`),
  openSession: (body: { title: string; dossierIds: string[]; secretBallot?: boolean }) =>
    request<CouncilSession>('POST', '/councils/sessions', { body }),
  vote: (id: string, votes: { dossierId: string; vote: Vote }[]) =>
    request<CouncilSession>('POST', `/councils/sessions/${encodeURIComponent(id)}/votes`, { body: { votes } }),
  sessionMembers: (id: string) =>
    request<{ items: { username: string; displayName: string }[] }>(
      'GET',
      `/councils/sessions/${encodeURIComponent(id)}/members`,
    ),
  writtenVote: (id: string, member: string, votes: { dossierId: string; vote: Vote }[]) =>
    request<CouncilSession>('POST', `/councils/sessions/${encodeURIComponent(id)}/written-votes`, {
      body: { member, votes },
    }),
  closeSession: (id: string, body: { onFail: 'return' | 'reject'; reason?: string }) =>
    request<CouncilSession>('POST', `/councils/sessions/${encodeURIComponent(id)}/close`, { body }),
  campaigns: () => request<Campaign[]>('GET', '/campaigns'),
  notifications: (p: { unread?: boolean; limit?: number; cursor?: string } = {}) =>
    request<{ items: NotificationView[]; nextCursor: string | null }>(
      'GET',
      `/notifications${query({ unread: p.unread ? 'true' : undefined, limit: p.limit, cursor: p.cursor })}`,
    ),
  unreadNotifications: () => request<{ unread: number }>('GET', '/notifications/unread-count'),
  markNotificationRead: (id: string) =>
    request<NotificationView>('POST', `/notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () => request<{ marked: number }>('POST', '/notifications/read-all'),
  dashboardSummary: () => request<DashboardSummary>('GET', '/dashboard/summary'),
  dashboardOverdue: () =>
    request<{ asOf: string; total: number; items: OverdueItem[] }>('GET', '/dashboard/overdue?limit=1000'),
  dashboardBottlenecks: () => request<{ asOf: string; items: Bottleneck[] }>('GET', '/dashboard/bottlenecks'),
  dashboardThroughput: () =>
    request<{ period: string; rows: ThroughputRow[] }>('GET', '/dashboard/throughput?period=month'),
  dashboardPriority: () =>
    request<{ period: string; rows: PriorityShareRow[]; totals: PriorityShareRow[] }>(
      'GET',
      '/dashboard/priority-share?period=month',
    ),
};
/**
 * Follows a long operation until it completes, calling `onProgress` with each view (the items settled so
 * far); a failed poll (the network, a restarting server) is tried again a few times before it is reported.
 */
export async function followOperation(
  started: OperationView,
  onProgress: (view: OperationView) => void,
  everyMs = 600,
): Promise<OperationView> {
  let view = started;
  let misses = 0;
  onProgress(view);
  while (!view.complete) {
    await new Promise((r) => setTimeout(r, everyMs));
    try {
      view = await api.operation(view.id);
      misses = 0;
    } catch (err) {
      if (++misses >= 5) throw err;
      continue;
    }
    onProgress(view);
  }
  return view;
}
