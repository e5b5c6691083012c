/**
 * Records workflow histories for the replay test: `npm run record-histories`. Run it when a released
 * workflow version is about to change (before the change), and commit the files it writes: the replay
 * test then proves the new code still replays what the old code recorded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { ACTION_UPDATES, councilOutcomeUpdate, extendDeadlineUpdate, rerouteUpdate } from '../../libs/contracts';
import { AWARD_CATALOG, computeRoute } from '../../libs/domain';
import { demoChain } from '../../libs/persistence/seed/demo-org-tree';
import {
  actor,
  councilOutcome,
  dossierInput,
  driveToDecision,
  passCouncil,
  startWorkflowTestEnv,
} from '../support/workflow-fixtures';

const VERSION = process.env.HISTORY_VERSION ?? 'v1';
const dir = join(__dirname, '..', 'fixtures', 'histories');

test(`record histories ${VERSION}`, async () => {
  const t = await startWorkflowTestEnv('record-histories');
  try {
    const scenarios = {
      'bang-khen-thu-tuong-returned-at-lang-son': async () => {
        const i = dossierInput(
          'BANG_KHEN_THU_TUONG',
          'xa-hoang-van-thu',
          'INDIVIDUAL',
          '00000000-0000-4000-8000-000000000001',
        );
        const h = await t.start(i);
        await driveToDecision(h, i, { orgUnitCode: 'lang-son', stage: 'COUNCIL' });
        await h.result();
        return h;
      },
      'giay-khen-decided-at-district': async () => {
        const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu', 'COLLECTIVE', '00000000-0000-4000-8000-000000000002');
        const h = await t.start(i);
        await driveToDecision(h, i);
        await h.result();
        return h;
      },
      'rejected-after-refused-attempts': async () => {
        const i = dossierInput(
          'BANG_KHEN_CHU_TICH_TINH',
          'chi-cuc-bao-ve-moi-truong',
          'INDIVIDUAL',
          '00000000-0000-4000-8000-000000000003',
        );
        const h = await t.start(i);
        await h
          .executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('chi-cuc-bao-ve-moi-truong', 'APPROVER') }] })
          .catch(() => undefined);
        await h.executeUpdate(ACTION_UPDATES.submit, {
          args: [{ actor: actor('chi-cuc-bao-ve-moi-truong', 'CLERK') }],
        });
        await h.executeUpdate(ACTION_UPDATES.reject, {
          args: [{ actor: actor('chi-cuc-bao-ve-moi-truong', 'APPROVER'), reason: 'Không đủ điều kiện' }],
        });
        await h.result();
        return h;
      },
      'withdrawn-draft': async () => {
        const i = dossierInput(
          'LAO_DONG_TIEN_TIEN',
          'xa-hoang-van-thu',
          'INDIVIDUAL',
          '00000000-0000-4000-8000-000000000004',
        );
        const h = await t.start(i);
        await h.executeUpdate(ACTION_UPDATES.withdraw, { args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }] });
        await h.result();
        return h;
      },
      // v2-deadlines: a clock that reminds, escalates and repeats, stops while returned, and is extended.
      'deadline-alerts-return-extension': async () => {
        const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu', 'INDIVIDUAL', '00000000-0000-4000-8000-000000000005');
        const h = await t.start(i);
        const clerk = actor('xa-hoang-van-thu', 'CLERK');
        const approver = actor('xa-hoang-van-thu', 'APPROVER');
        await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: clerk }] });
        await t.env.sleep('25 days');
        await h.executeUpdate(ACTION_UPDATES.return, { args: [{ actor: approver, reason: 'Thiếu tờ trình' }] });
        await t.env.sleep('3 days');
        await h.executeUpdate(ACTION_UPDATES.resubmit, { args: [{ actor: clerk }] });
        await h.executeUpdate(extendDeadlineUpdate, { args: [{ actor: approver, days: 5, reason: 'Chờ xác minh' }] });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: approver }] });
        await t.env.sleep('5 days');
        await h.executeUpdate(ACTION_UPDATES.withdraw, { args: [{ actor: clerk }] });
        await h.result();
        return h;
      },
      // v3-reroute: the district a dossier waits at is abolished; it continues at the province to a decision.
      'rerouted-from-abolished-district': async () => {
        const i = dossierInput(
          'BANG_KHEN_CHU_TICH_TINH',
          'xa-hoang-van-thu',
          'INDIVIDUAL',
          '00000000-0000-4000-8000-000000000006',
        );
        const h = await t.start(i);
        await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }] });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }] });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('van-lang', 'REVIEWER') }] });
        const chain = demoChain('xa-hoang-van-thu').filter((o) => o.code !== 'van-lang');
        const award = AWARD_CATALOG.find((a) => a.code === 'BANG_KHEN_CHU_TICH_TINH')!;
        const admin = { username: 'admin', displayName: 'Quản trị', role: 'ADMIN' as const, orgUnitCode: 'trung-uong' };
        await h.executeUpdate(rerouteUpdate, {
          args: [
            {
              actor: admin,
              route: computeRoute(chain, award, 'INDIVIDUAL'),
              orgChain: chain.map((o) => o.code),
              originOrgUnitCode: 'xa-hoang-van-thu',
              mapping: {},
              reason: 'Giải thể huyện Văn Lãng',
            },
          ],
          updateId: 'reorg-record-6',
        });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('lang-son', 'REVIEWER') }] });
        await passCouncil(h, 'lang-son');
        await h.executeUpdate(ACTION_UPDATES.decide, {
          args: [
            {
              actor: actor('lang-son', 'APPROVER'),
              decision: { number: '9/QĐ-UBND', date: '2026-11-20', signer: 'Chủ tịch' },
            },
          ],
        });
        await h.result();
        return h;
      },
      // v6-council-outcome: a council that falls short returns the dossier, a refused approve, the next session passes it.
      'council-returned-then-passed': async () => {
        const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu', 'INDIVIDUAL', '00000000-0000-4000-8000-000000000007');
        const h = await t.start(i);
        const clerk = actor('xa-hoang-van-thu', 'CLERK');
        const secretary = actor('van-lang', 'COUNCIL');
        await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: clerk }] });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }] });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('van-lang', 'REVIEWER') }] });
        await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: secretary }] }).catch(() => undefined);
        await h.executeUpdate(councilOutcomeUpdate, {
          args: [{ actor: secretary, council: councilOutcome(2, 'RETURNED'), reason: 'Không đạt: đồng ý 2/5' }],
        });
        await h.executeUpdate(ACTION_UPDATES.resubmit, { args: [{ actor: clerk }] });
        await passCouncil(h, 'van-lang');
        await h.executeUpdate(ACTION_UPDATES.decide, {
          args: [
            {
              actor: actor('van-lang', 'APPROVER'),
              decision: { number: '10/QĐ-UBND', date: '2026-12-03', signer: 'Chủ tịch' },
            },
          ],
        });
        await h.result();
        return h;
      },
    };
    for (const [name, run] of Object.entries(scenarios)) {
      const handle = await run();
      const history = await handle.fetchHistory();
      // Binary protobuf: @temporalio/common's JSON codec sits on another copy of protobufjs than the client's
      // History objects, so it cannot serialise them here; the binary form round-trips exactly.
      writeFileSync(join(dir, `${VERSION}-${name}.binpb`), temporal.api.history.v1.History.encode(history).finish());
    }
  } finally {
    await t.close();
  }
});
