import {
  EMPTY_CONTRIBUTION,
  dossierContribution,
  mergeDeltas,
  scopesOf,
  waitsOf,
  type Contribution,
  type DashboardFacts,
  type RowDelta,
} from './dashboard';

const RULES = { smallCollectiveMaxMembers: 10 };

const facts = (over: Partial<DashboardFacts> = {}): DashboardFacts => ({
  status: 'IN_PROGRESS',
  orgChain: ['xa-a', 'tinh-b', 'trung-uong'],
  stage: 'PROVINCE_REVIEW',
  level: 'PROVINCE',
  dueAt: '2026-03-10T16:59:59.000Z',
  originOrgCode: 'xa-a',
  nomineeKind: 'INDIVIDUAL',
  directWorker: true,
  memberCount: null,
  events: [
    { action: 'create', toStatus: 'DRAFT', occurredAt: '2026-03-01T02:00:00Z' },
    // 23:30 UTC is the next day in Vietnam.
    { action: 'submit', toStatus: 'IN_PROGRESS', occurredAt: '2026-03-01T23:30:00Z' },
  ],
  passages: [
    {
      stageName: 'UNIT_REVIEW',
      orgCode: 'xa-a',
      level: 'COMMUNE',
      orgChain: ['xa-a', 'tinh-b', 'trung-uong'],
      enteredAt: '2026-03-02T00:00:00.000000Z',
      closed: true,
      workingDays: 2,
      returns: 1,
    },
    {
      stageName: 'PROVINCE_REVIEW',
      orgCode: 'tinh-b',
      level: 'PROVINCE',
      orgChain: ['xa-a', 'tinh-b', 'trung-uong'],
      enteredAt: '2026-03-04T00:00:00.000000Z',
      closed: false,
      workingDays: null,
      returns: 0,
    },
  ],
  ...over,
});

/** The summary rows a set of contributions adds up to, as `table|key…` → counters (what the tables hold). */
function totals(deltas: RowDelta[][]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const rows of deltas) {
    for (const r of rows) {
      const k = [r.table, ...r.key].join('|');
      const t = out.get(k) ?? r.counters.map(() => 0);
      r.counters.forEach((c, i) => (t[i] += c));
      out.set(k, t);
    }
  }
  for (const [k, t] of out) if (t.every((c) => c === 0)) out.delete(k);
  return out;
}

const fromScratch = (cs: Contribution[]) =>
  totals([mergeDeltas(cs.map((after) => ({ before: EMPTY_CONTRIBUTION, after }))).rows]);

describe('dossierContribution', () => {
  it('counts a dossier once in each scope of its org chain and in the country', () => {
    expect(scopesOf(['xa-a', 'tinh-b', 'xa-a'])).toEqual(['xa-a', 'tinh-b', '*']);
    const rows = fromScratch([dossierContribution(facts(), RULES)]);
    for (const scope of ['xa-a', 'tinh-b', 'trung-uong', '*']) {
      expect(rows.get(`dossierCounts|${scope}|IN_PROGRESS|PROVINCE_REVIEW|PROVINCE|2026-03-10`)).toEqual([1]);
      // Days in Vietnam time: the submission at 23:30 UTC on the 1st counts on the 2nd.
      expect(rows.get(`eventDays|${scope}|2026-03-02`)).toEqual([1, 0, 0]);
      expect(rows.get(`passageDays|${scope}|UNIT_REVIEW|xa-a|COMMUNE|2`)).toEqual([1, 1]);
      expect(rows.get(`openPassages|${scope}|PROVINCE_REVIEW|tinh-b|PROVINCE`)).toEqual([1, 1]);
    }
    // The creation is not a counted event; nothing is approved yet.
    expect([...rows.keys()].filter((k) => k.startsWith('eventDays'))).toHaveLength(4);
    expect([...rows.keys()].some((k) => k.startsWith('approval'))).toBe(false);
  });

  it('classifies approvals by the rules: direct workers, and collectives up to the threshold', () => {
    const approved = (over: Partial<DashboardFacts>) =>
      fromScratch([
        dossierContribution(
          facts({
            status: 'APPROVED',
            stage: null,
            level: null,
            dueAt: null,
            passages: [],
            events: [{ action: 'decide', toStatus: 'APPROVED', occurredAt: '2026-05-31T18:00:00Z' }],
            ...over,
          }),
          RULES,
        ),
      ]);
    // 18:00 UTC on 31 May is 1 June in Vietnam: the day and the month both move.
    const individual = approved({});
    expect(individual.get('approvalDays|*|2026-06-01|xa-a|true|false')).toEqual([1]);
    expect(individual.get('approvalMonths|tinh-b|2026-06-01|xa-a|true|false')).toEqual([1]);
    expect(individual.get('eventDays|*|2026-06-01')).toEqual([0, 1, 0]);
    expect(individual.get('dossierCounts|*|APPROVED|||')).toEqual([1]);
    const small = approved({ nomineeKind: 'COLLECTIVE', directWorker: true, memberCount: 10 });
    expect(small.get('approvalDays|*|2026-06-01|xa-a|false|true')).toEqual([1]);
    const large = approved({ nomineeKind: 'COLLECTIVE', memberCount: 11 });
    expect(large.get('approvalDays|*|2026-06-01|xa-a|false|false')).toEqual([1]);
    const underLaterRule = fromScratch([
      dossierContribution(
        facts({
          status: 'APPROVED',
          nomineeKind: 'COLLECTIVE',
          memberCount: 11,
          events: [{ action: 'decide', toStatus: 'APPROVED', occurredAt: '2026-05-31T18:00:00Z' }],
        }),
        { smallCollectiveMaxMembers: 12 },
      ),
    ]);
    expect(underLaterRule.get('approvalDays|*|2026-06-01|xa-a|false|true')).toEqual([1]);
  });

  it('counts an open passage as waiting only while its dossier is in progress, with its entry as the wait', () => {
    const waiting = dossierContribution(facts(), RULES);
    expect(waitsOf(waiting)).toEqual([
      {
        stageName: 'PROVINCE_REVIEW',
        orgCode: 'tinh-b',
        level: 'PROVINCE',
        scopes: ['xa-a', 'tinh-b', 'trung-uong', '*'],
        enteredAt: '2026-03-04T00:00:00.000000Z',
      },
    ]);
    const returned = dossierContribution(facts({ status: 'RETURNED' }), RULES);
    expect(waitsOf(returned)).toEqual([]);
    expect(fromScratch([returned]).get('openPassages|*|PROVINCE_REVIEW|tinh-b|PROVINCE')).toEqual([1, 0]);
  });

  it('adds nothing for a dossier with no row, whatever refers to it', () => {
    expect(dossierContribution(null, RULES)).toEqual(EMPTY_CONTRIBUTION);
  });
});

describe('mergeDeltas', () => {
  it('moves a dossier from one summary row to another, leaves the rows that do not change alone, in key order', () => {
    const before = dossierContribution(facts(), RULES);
    const after = dossierContribution(facts({ stage: 'PROVINCE_COUNCIL', dueAt: '2026-03-20T16:59:59Z' }), RULES);
    const { rows } = mergeDeltas([{ before, after }]);
    const left = rows.find((r) => r.table === 'dossierCounts' && r.key[0] === '*' && r.key[2] === 'PROVINCE_REVIEW');
    const entered = rows.find(
      (r) => r.table === 'dossierCounts' && r.key[0] === '*' && r.key[2] === 'PROVINCE_COUNCIL',
    );
    expect(left?.counters).toEqual([-1]);
    expect(entered?.counters).toEqual([1]);
    // Its events did not change: their rows are not written. Only the counts moved (2 rows × 4 scopes).
    expect(rows.find((r) => r.table === 'eventDays')).toBeUndefined();
    expect(rows).toHaveLength(8);
    // A wait that stops is looked up where it was, even when the counts there do not change in sum.
    const returned = mergeDeltas([
      { before, after: dossierContribution(facts({ status: 'RETURNED' }), RULES) },
      { before: dossierContribution(facts({ status: 'RETURNED' }), RULES), after: before },
    ]);
    const open = returned.rows.filter((r) => r.table === 'openPassages');
    expect(open.map((r) => r.counters)).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(returned.waits).toHaveLength(4);
    const ids = rows.map((r) => JSON.stringify([r.table, ...r.key]));
    expect(ids).toEqual([...ids].sort());
  });

  it('reports where a head of a queue may have stopped waiting, and where a wait began', () => {
    const waiting = dossierContribution(facts(), RULES);
    const returned = dossierContribution(facts({ status: 'RETURNED' }), RULES);
    const stop = mergeDeltas([{ before: waiting, after: returned }]);
    expect(stop.waits.map((w) => [w.key[0], w.earliestAdded, w.earliestRemoved])).toContainEqual([
      '*',
      null,
      '2026-03-04T00:00:00.000000Z',
    ]);
    const start = mergeDeltas([{ before: returned, after: waiting }]);
    expect(start.waits.every((w) => w.earliestRemoved === null && w.earliestAdded !== null)).toBe(true);
    expect(mergeDeltas([{ before: waiting, after: waiting }]).waits).toEqual([]);
  });

  it('adds up, over any sequence of changes in batches, to the sum of the last contributions (random, fixed seed)', () => {
    let seed = 20261204;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const randomFacts = (): DashboardFacts | null =>
      rand() < 0.1
        ? null
        : facts({
            status: pick(['DRAFT', 'IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED']),
            orgChain: pick([['xa-a', 'tinh-b'], ['xa-c', 'tinh-b'], ['tinh-d']]),
            stage: pick(['A', 'B', null]),
            nomineeKind: pick(['INDIVIDUAL', 'COLLECTIVE']),
            memberCount: pick([null, 5, 20]),
            events: Array.from({ length: Math.floor(rand() * 4) }, () => ({
              action: pick(['submit', 'return', 'decide', 'create']),
              toStatus: pick(['APPROVED', 'REJECTED', 'IN_PROGRESS', null]),
              occurredAt: new Date(Date.parse('2026-01-01') + Math.floor(rand() * 90) * 86400_000).toISOString(),
            })),
            passages: Array.from({ length: Math.floor(rand() * 3) }, () => ({
              stageName: pick(['A', 'B']),
              orgCode: pick(['xa-a', 'tinh-b']),
              level: 'X',
              orgChain: pick([['xa-a', 'tinh-b'], ['tinh-b']]),
              enteredAt: new Date(Date.parse('2026-01-01') + Math.floor(rand() * 90) * 86400_000)
                .toISOString()
                .replace('Z', '000Z'),
              closed: rand() < 0.5,
              workingDays: pick([null, 1, 3]),
              returns: pick([0, 1]),
            })),
          });
    const current: Contribution[] = Array.from({ length: 30 }, () => EMPTY_CONTRIBUTION);
    const applied: RowDelta[][] = [];
    for (let round = 0; round < 40; round++) {
      const batch = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 30)))];
      const changes = batch.map((i) => {
        const after = dossierContribution(randomFacts(), RULES);
        const change = { before: current[i], after };
        current[i] = after;
        return change;
      });
      applied.push(mergeDeltas(changes).rows);
    }
    const kept = totals(applied);
    expect(kept).toEqual(fromScratch(current));
    expect(kept.size).toBeGreaterThan(20);
  });
});
