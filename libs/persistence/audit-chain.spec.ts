import { GENESIS, eventHash, verifyChain, type ChainedEvent } from './audit-chain';

const event = (seq: number, over: Partial<ChainedEvent> = {}): ChainedEvent => ({
  dossierId: 'd1',
  seq,
  action: seq === 1 ? 'create' : 'approve',
  actorUsername: 'u',
  actorDisplayName: 'U',
  actorRole: 'APPROVER',
  actorOrgCode: 'van-lang',
  actingFor: null,
  fromStatus: seq === 1 ? null : 'IN_PROGRESS',
  toStatus: 'IN_PROGRESS',
  fromStage: null,
  toStage: null,
  reason: null,
  comment: null,
  requestId: null,
  occurredAt: `2026-11-25T0${seq}:00:00.000Z`,
  ...over,
});

function chain(n: number) {
  let prev = GENESIS;
  return Array.from({ length: n }, (_, i) => {
    const e = event(i + 1);
    const hash = eventHash(e, prev);
    const row = { ...e, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toBeNull();
  });
  it('finds an altered field, a deleted row, a reordered row and a forged re-hash', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2], reason: 'changed' };
    expect(verifyChain(altered)).toEqual({ dossierId: 'd1', seq: 3, problem: 'HASH_MISMATCH' });

    const deleted = chain(5).filter((e) => e.seq !== 3);
    expect(verifyChain(deleted)).toMatchObject({ seq: 4, problem: 'SEQUENCE_GAP' });

    const swapped = chain(5);
    [swapped[1], swapped[2]] = [
      { ...swapped[2], seq: 2 },
      { ...swapped[1], seq: 3 },
    ];
    expect(verifyChain(swapped)).toMatchObject({ seq: 2, problem: 'LINK_MISMATCH' });

    // Re-hashing the altered row alone does not help: the next row's link no longer matches.
    const rehashed = chain(5);
    const forged = { ...rehashed[2], actingFor: 'someone' };
    rehashed[2] = { ...forged, hash: eventHash(forged, forged.prevHash) };
    expect(verifyChain(rehashed)).toMatchObject({ seq: 4, problem: 'LINK_MISMATCH' });
  });
  it('covers every field, including acting-for and the time', () => {
    const base = event(2);
    const h = eventHash(base, GENESIS);
    for (const [k, v] of Object.entries({
      actingFor: 'x',
      occurredAt: '2026-11-25T02:00:00.001Z',
      comment: '',
      reason: 'r',
    })) {
      expect(eventHash({ ...base, [k]: v }, GENESIS)).not.toBe(h);
    }
  });
});
