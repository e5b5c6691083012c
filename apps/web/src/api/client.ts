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
  OrgUnit,
  OperationView,
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

const SESSION_KEY = 'ade.session';

export function loadSession(): LoginResponse | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as LoginResponse) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: LoginResponse | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
}

let onUnauthenticated: () => void = () => undefined;
/** The auth provider signs the user out when a token is refused (expired or revoked). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
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
  const session = loadSession();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      headers: session ? { authorization: `Bearer ${session.accessToken}` } : {},
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; correlationId?: string };
    if (res.status === 401) onUnauthenticated();
    throw new ApiError(
      res.status,
      body.error ?? `HTTP_${res.status}`,
      body.message ?? res.statusText,
      [],
      body.correlationId,
    );
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
  const session = loadSession();
  if (session && !opts.anonymous) headers.authorization = `Bearer ${session.accessToken}`;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  } catch {
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
  if (!res.ok) {
    const body = (data ?? {}) as {
      error?: string;
      message?: string;
      fields?: ApiError['fields'];
      correlationId?: string;
    };
    if (res.status === 401 && !opts.anonymous) onUnauthenticated();
    throw new ApiError(
      res.status,
      body.error ?? `HTTP_${res.status}`,
      body.message ?? res.statusText,
      body.fields ?? [],
      body.correlationId ?? res.headers.get('x-correlation-id') ?? undefined,
    );
  }
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
