// The web application's pure rules: urgency order, where a dossier stands on its route, which actions a
// page offers, and the words for every error; the pages themselves are covered by test/browser.
import { ApiError } from '../../../apps/web/src/api/client';
import type { DossierEvent, DossierSummary, DossierView } from '../../../apps/web/src/api/types';
import { actionLabel, canExtendDeadline, visibleActions } from '../../../apps/web/src/logic/actions';
import { canUpload, fileProblem, formatBytes } from '../../../apps/web/src/logic/documents';
import { errorItems, errorText } from '../../../apps/web/src/logic/error-text';
import { routePosition } from '../../../apps/web/src/logic/route-position';
import { byUrgency } from '../../../apps/web/src/logic/urgency';
import { dayText, parseExtension } from '../../../apps/web/src/logic/history';
import { en, translate, vi, type Key } from '../../../apps/web/src/messages';

const stages = ['UNIT_REVIEW@unit', 'APPRAISAL@district', 'COUNCIL@district', 'DECISION@district'].map((s, index) => {
  const [name, orgUnitCode] = s.split('@');
  return { index, name, orgUnitCode, orgUnitName: orgUnitCode, level: 'DISTRICT', role: 'REVIEWER' } as never;
});

function event(action: DossierEvent['action'], fromStage: string | null): DossierEvent {
  return {
    seq: 1,
    action,
    actor: { username: 'u', displayName: 'U', role: 'REVIEWER', orgUnitCode: 'district' },
    fromStatus: null,
    toStatus: 'IN_PROGRESS',
    fromStage,
    toStage: null,
    reason: null,
    comment: null,
    occurredAt: '2026-11-25T00:00:00.000Z',
  };
}

function dossier(over: Partial<DossierView>): DossierView {
  return {
    id: 'd',
    workflowId: 'dossier-d',
    awardCode: 'GIAY_KHEN',
    awardName: 'Giấy khen',
    nominee: { kind: 'INDIVIDUAL', name: 'A' },
    achievementSummary: 'x',
    originOrgUnitCode: 'unit',
    createdBy: 'c',
    createdAt: '2026-11-25T00:00:00.000Z',
    updatedAt: '2026-11-25T00:00:00.000Z',
    submittedAt: null,
    route: { levels: [], stages, decidingOrgUnitCode: 'district' },
    status: 'IN_PROGRESS',
    lastReason: null,
    decision: null,
    version: 1,
    currentStage: null,
    allowedActions: [],
    history: [],
    ...over,
  };
}

function summary(id: string, status: DossierSummary['status'], dueAt?: string): DossierSummary {
  return {
    id,
    awardCode: 'GIAY_KHEN',
    awardName: 'Giấy khen',
    nominee: { kind: 'INDIVIDUAL', name: id },
    originOrgUnitCode: 'unit',
    status,
    currentStage: { name: 'APPRAISAL', level: 'DISTRICT', orgUnitCode: 'district', role: 'REVIEWER', dueAt },
    createdAt: '2026-11-25T00:00:00.000Z',
    updatedAt: '2026-11-25T00:00:00.000Z',
    submittedAt: null,
    version: 1,
  };
}

describe('byUrgency', () => {
  test('returned first, then the nearest deadline, then the inbox order for those without one', () => {
    const items = [
      summary('no-due-1', 'IN_PROGRESS'),
      summary('due-late', 'IN_PROGRESS', '2026-12-10T00:00:00Z'),
      summary('returned', 'RETURNED'),
      summary('no-due-2', 'IN_PROGRESS'),
      summary('due-soon', 'IN_PROGRESS', '2026-12-01T00:00:00Z'),
    ];
    expect(byUrgency(items).map((d) => d.id)).toEqual(['returned', 'due-soon', 'due-late', 'no-due-1', 'no-due-2']);
  });
});

describe('routePosition', () => {
  test('a draft is before the first stage; an approved dossier is past the last', () => {
    expect(routePosition(dossier({ status: 'DRAFT' }))).toBe(-1);
    expect(routePosition(dossier({ status: 'APPROVED' }))).toBe(4);
  });

  test('in progress: the current stage', () => {
    const currentStage = {
      name: 'COUNCIL',
      index: 2,
      level: 'DISTRICT',
      orgUnitCode: 'district',
      role: 'COUNCIL',
    } as const;
    expect(routePosition(dossier({ currentStage }))).toBe(2);
  });

  test('returned or rejected: the stage that did it, from the history (the last time it happened)', () => {
    const history = [
      event('return', 'UNIT_REVIEW@unit'),
      event('resubmit', null),
      event('return', 'APPRAISAL@district'),
    ];
    expect(routePosition(dossier({ status: 'RETURNED', history }))).toBe(1);
    expect(routePosition(dossier({ status: 'REJECTED', history: [event('reject', 'COUNCIL@district')] }))).toBe(2);
  });
});

describe('visibleActions', () => {
  test('in the order a page offers them; at the decision stage "decide" stands for approve', () => {
    expect(visibleActions(dossier({ allowedActions: ['withdraw', 'reject', 'return', 'approve'] }))).toEqual([
      'approve',
      'return',
      'reject',
      'withdraw',
    ]);
    expect(visibleActions(dossier({ allowedActions: ['approve', 'decide', 'return'] }))).toEqual(['decide', 'return']);
  });

  test('each action has its own label', () => {
    expect(actionLabel(dossier({}), 'approve')).toBe('action.approve');
    expect(actionLabel(dossier({}), 'return')).toBe('action.return');
  });
});

describe('errorText', () => {
  const t = (key: Key, params?: Record<string, string | number>) => translate('vi', key, params);

  test('each 4xx of the API has its own explanation, with the API’s message as the detail', () => {
    const seen = new Set<string>();
    for (const status of [400, 401, 403, 404, 409, 413, 422, 429]) {
      const { title, detail } = errorText(t, new ApiError(status, 'X', 'decision.number is required'));
      expect(detail).toBe('Chi tiết: decision.number is required');
      seen.add(title);
    }
    expect(seen.size).toBe(8);
  });

  test('server-side failures say what to do, not what broke', () => {
    expect(errorText(t, new ApiError(503, 'SERVICE_UNAVAILABLE', 'Temporal is unreachable'))).toEqual({
      title: vi['error.503'],
      detail: undefined,
    });
  });

  test('no connection, a server error with its reference, and an unlisted status', () => {
    expect(errorText(t, new ApiError(0, 'NETWORK', 'x'))).toEqual({ title: vi['error.0'], detail: undefined });
    expect(errorText(t, new ApiError(500, 'INTERNAL', 'x', [], 'abc-123')).title).toContain('abc-123');
    expect(errorText(t, new ApiError(418, 'HTTP_418', 'teapot')).title).toContain('418');
  });
});

describe('errorItems', () => {
  const t = (key: Key, params?: Record<string, string | number>) => translate('vi', key, params);

  test('a refused submission names each missing paper by the checklist’s name, and each unmet criterion', () => {
    const refused = new ApiError(422, 'UNPROCESSABLE', 'Cannot submit GIAY_KHEN: missing documents: TO_TRINH', [
      { field: 'documents.TO_TRINH', message: 'missing: Tờ trình đề nghị khen thưởng' },
      { field: 'documents.BIEN_BAN_XET', message: 'missing: Biên bản họp xét khen thưởng' },
      { field: 'eligibility.X', message: 'Không đang bị kỷ luật (NĐ 98/2023 Điều 4): under investigation' },
    ]);
    expect(errorItems(t, refused, { TO_TRINH: 'Tờ trình (bản ký)' })).toEqual([
      'Còn thiếu: Tờ trình (bản ký)',
      'Còn thiếu: Biên bản họp xét khen thưởng',
      'Không đang bị kỷ luật (NĐ 98/2023 Điều 4): under investigation',
    ]);
  });

  test('other statuses mark their fields on the form instead', () => {
    expect(errorItems(t, new ApiError(400, 'VALIDATION_FAILED', 'x', [{ field: 'reason', message: 'x' }]))).toEqual([]);
    expect(errorItems(t, new Error('x'))).toEqual([]);
  });
});

describe('who is offered what the server would allow', () => {
  const clerk = { role: 'CLERK' as const, orgUnitCode: 'unit' };
  const stage = { name: 'APPRAISAL', level: 'DISTRICT', orgUnitCode: 'district', role: 'REVIEWER' } as const;

  test('uploads: the nominating unit’s clerk, while the dossier is a draft or returned', () => {
    expect(canUpload(dossier({ status: 'DRAFT' }), clerk)).toBe(true);
    expect(canUpload(dossier({ status: 'RETURNED' }), clerk)).toBe(true);
    expect(canUpload(dossier({ status: 'IN_PROGRESS' }), clerk)).toBe(false);
    expect(canUpload(dossier({ status: 'DRAFT' }), { role: 'CLERK', orgUnitCode: 'district' })).toBe(false);
    expect(canUpload(dossier({ status: 'DRAFT' }), { role: 'APPROVER', orgUnitCode: 'unit' })).toBe(false);
  });

  test('extending a deadline: the approver of the stage’s org, while a clock runs', () => {
    const running = dossier({ currentStage: { ...stage, dueAt: '2026-12-01T16:59:59.000Z' } });
    expect(canExtendDeadline(running, { role: 'APPROVER', orgUnitCode: 'district' })).toBe(true);
    expect(canExtendDeadline(running, { role: 'REVIEWER', orgUnitCode: 'district' })).toBe(false);
    expect(canExtendDeadline(running, { role: 'APPROVER', orgUnitCode: 'unit' })).toBe(false);
    expect(
      canExtendDeadline(dossier({ currentStage: { ...stage, dueAt: null } }), {
        role: 'APPROVER',
        orgUnitCode: 'district',
      }),
    ).toBe(false);
    expect(canExtendDeadline({ ...running, status: 'RETURNED' }, { role: 'APPROVER', orgUnitCode: 'district' })).toBe(
      false,
    );
  });
});

describe('fileProblem', () => {
  const t = (key: Key, params?: Record<string, string | number>) => translate('vi', key, params);
  const limits = { maxBytes: 1024 * 1024, acceptedTypes: ['application/pdf', 'image/png'] };

  test('too large or of another type, said with the file’s name; accepted by type or by extension', () => {
    expect(fileProblem(t, { name: 'a.pdf', size: 2 * 1024 * 1024, type: 'application/pdf' }, limits)).toBe(
      'Tệp “a.pdf” nặng 2 MB, vượt quá giới hạn 1 MB. Vui lòng nén hoặc chia nhỏ rồi tải lại.',
    );
    expect(fileProblem(t, { name: 'a.txt', size: 10, type: 'text/plain' }, limits)).toBe(
      'Tệp “a.txt” không đúng định dạng. Chỉ nhận PDF, PNG.',
    );
    expect(fileProblem(t, { name: 'a.pdf', size: 1024 * 1024, type: 'application/pdf' }, limits)).toBeNull();
    expect(fileProblem(t, { name: 'SCAN.PNG', size: 10, type: '' }, limits)).toBeNull();
    expect(fileProblem(t, { name: 'scan', size: 10, type: 'image/png' }, limits)).toBeNull();
  });

  test('sizes as people read them', () => {
    expect([formatBytes(900), formatBytes(1536), formatBytes(20 * 1024 * 1024)]).toEqual(['900 B', '1.5 KB', '20 MB']);
  });
});

describe('parseExtension', () => {
  test('the two days of an extension, and the comment that came with it', () => {
    expect(parseExtension('due 2026-12-01 → 2026-12-08')).toEqual({
      from: '2026-12-01',
      to: '2026-12-08',
      comment: null,
    });
    expect(parseExtension('due 2026-12-01 → 2027-01-05: chờ hiệp y')).toEqual({
      from: '2026-12-01',
      to: '2027-01-05',
      comment: 'chờ hiệp y',
    });
    expect(parseExtension('something else')).toBeNull();
    expect(parseExtension(null)).toBeNull();
    expect(dayText('2027-01-05')).toBe('05/01/2027');
  });
});

describe('messages', () => {
  test('English says everything Vietnamese says, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as Key[]) {
      expect(en[key].trim()).not.toBe('');
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(vi[key])]);
    }
    expect(translate('vi', 'dossier.dueOn', { date: '01/12/2026' })).toBe('Hạn: 01/12/2026');
  });
});
