import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { requiredYes } from '../../../../libs/domain/council';
import { ApiError, api, download } from '../api/client';
import type { CouncilItem, CouncilOutcome, CouncilSession, Vote } from '../api/types';
import { useAuth } from '../auth';
import { ErrorAlert } from '../errors';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { SessionStatusTag } from './CouncilPage';
import { PageTitle } from '../components/PageTitle';

/** How often an open session's tallies are fetched again: the API offers no push, and votes come in slowly. */
const POLL_MS = 3_000;
const CLOSING_POLL_MS = 1_000;
const VOTES: Vote[] = ['YES', 'NO', 'ABSTAIN'];

const OUTCOME_STYLE: Record<CouncilOutcome, { color: string; background: string; border: string }> = {
  APPROVED: { color: '#135200', background: '#f6ffed', border: '#95de64' },
  RETURNED: { color: '#873800', background: '#fff7e6', border: '#ffc069' },
  QUOTA_EXCEEDED: { color: '#873800', background: '#fff7e6', border: '#ffc069' },
  REJECTED: { color: '#820014', background: '#fff1f0', border: '#ffa39e' },
  FAILED: { color: '#820014', background: '#fff1f0', border: '#ffa39e' },
};

/**
 * One council session: its dossiers, each with its threshold and running tally (never who voted what; under
 * a secret ballot not even the tally until the session closes, as the API decides), the member's ballot, the
 * secretary's close, the results and the minutes.
 */
export function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const orgUnits = useQuery({ queryKey: ['org-units'], queryFn: api.orgUnits, staleTime: Infinity });
  const q = useQuery({
    queryKey: ['council-session', id],
    queryFn: () => api.councilSession(id),
    // Re-read while votes come in, and faster while the close workflow is moving the dossiers.
    refetchInterval: (query) =>
      query.state.data?.status === 'OPEN'
        ? POLL_MS
        : query.state.data?.closing && !query.state.data.closing.complete
          ? CLOSING_POLL_MS
          : false,
  });
  if (q.isLoading) return <Spin />;
  if (q.error instanceof ApiError && q.error.status === 404) {
    return <Alert type="error" showIcon role="alert" title={t('council.notFound')} />;
  }
  if (q.error || !q.data || !user) return <ErrorAlert t={t} error={q.error} />;
  const s = q.data;
  const isMember = user.role === 'COUNCIL_MEMBER';
  const isSecretary = user.role === 'COUNCIL' && user.orgUnitCode === s.orgUnitCode;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle>{t('council.session.heading', { title: s.title })}</PageTitle>
        <Space wrap>
          <span data-testid="session-status" data-status={s.status}>
            <SessionStatusTag status={s.status} />
          </span>
          <Typography.Text type="secondary">
            {t('council.session.meta', {
              org: orgUnits.data?.find((o) => o.code === s.orgUnitCode)?.name ?? s.orgUnitCode,
              openedAt: formatDateTime(s.openedAt),
              members: s.memberCount,
            })}
          </Typography.Text>
          {s.closedAt && (
            <Typography.Text type="secondary">
              {t('council.session.closedAt', { closedAt: formatDateTime(s.closedAt) })}
            </Typography.Text>
          )}
        </Space>
      </div>
      {s.status === 'OPEN' && <Typography.Text type="secondary">{t('council.session.live')}</Typography.Text>}
      {s.closing && !s.closing.complete && (
        <div data-testid="closing-progress" role="status">
          <Typography.Text>{t('council.closing', { done: s.closing.done, total: s.closing.total })}</Typography.Text>
          <Progress percent={Math.floor((100 * s.closing.done) / Math.max(1, s.closing.total))} />
        </div>
      )}
      {s.minutesAvailable && <MinutesButton session={s} />}
      {isMember && s.status === 'OPEN' ? <Ballot session={s} /> : <ItemTable session={s} />}
      {isSecretary && s.status === 'OPEN' && <WrittenVoteCard session={s} />}
      {isSecretary && s.status === 'OPEN' && <CloseCard session={s} />}
    </Space>
  );
}

function MinutesButton({ session }: { session: CouncilSession }) {
  const { t } = useI18n();
  const dl = useMutation({
    mutationFn: () => download(`/councils/sessions/${session.id}/minutes`, `bien-ban-kiem-phieu-${session.id}.pdf`),
  });
  return (
    <div>
      <Button type="primary" loading={dl.isPending} onClick={() => dl.mutate()}>
        {t('council.minutes')}
      </Button>
      {dl.error ? <ErrorAlert t={t} error={dl.error} /> : null}
    </div>
  );
}

function ThresholdText({ item, members }: { item: CouncilItem; members: number }) {
  const { t } = useI18n();
  const rule = item.threshold.strict
    ? t('council.threshold.strict', { percent: item.threshold.percent })
    : t('council.threshold.atLeast', { percent: item.threshold.percent });
  const required = item.tally?.required ?? requiredYes(item.threshold, members);
  return (
    <span title={item.threshold.legalBasis}>
      {t('council.threshold', { required, members, rule })}
      {item.threshold.status === 'unverified' && (
        <>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('council.threshold.unverified')}
          </Typography.Text>
        </>
      )}
    </span>
  );
}

function TallyCell({ item, members }: { item: CouncilItem; members: number }) {
  const { t } = useI18n();
  const tally = item.tally;
  if (!tally) {
    return (
      <div data-testid="tally" data-dossier={item.dossierId} data-cast={item.votesCast}>
        <div>{t('council.tally.cast', { cast: item.votesCast, members })}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('council.tally.secret')}
        </Typography.Text>
      </div>
    );
  }
  const percent = Math.min(100, Math.round((tally.yes / Math.max(1, tally.required)) * 100));
  return (
    <div
      data-testid="tally"
      data-dossier={item.dossierId}
      data-cast={item.votesCast}
      data-yes={tally.yes}
      data-required={tally.required}
      data-passed={String(tally.passed)}
    >
      <div>
        {t('council.tally.counts', { yes: tally.yes, no: tally.no, abstain: tally.abstain, notVoted: tally.notVoted })}
      </div>
      <Progress
        percent={percent}
        size="small"
        // "normal" keeps the figure in the text colour; Ant's success green is too pale to read.
        status="normal"
        strokeColor={tally.passed ? '#237804' : undefined}
        format={() => `${tally.yes}/${tally.required}`}
        aria-label={`${t('council.vote.YES')} ${tally.yes}/${tally.required}`}
      />
      <Typography.Text style={{ fontSize: 12, color: tally.passed ? '#135200' : '#595959' }}>
        {tally.passed ? t('council.tally.reached') : t('council.tally.notReached')}
      </Typography.Text>
    </div>
  );
}

function OutcomeCell({ item }: { item: CouncilItem }) {
  const { t } = useI18n();
  if (!item.outcome) return <span>—</span>;
  const s = OUTCOME_STYLE[item.outcome];
  return (
    <div data-testid="outcome" data-dossier={item.dossierId} data-outcome={item.outcome}>
      <Tag style={{ color: s.color, background: s.background, borderColor: s.border }}>
        {t(`council.outcome.${item.outcome}`)}
      </Tag>
      {item.outcomeDetail && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.outcomeDetail}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function baseColumns(t: ReturnType<typeof useI18n>['t'], session: CouncilSession) {
  return [
    {
      title: t('col.nominee'),
      key: 'nominee',
      render: (_: unknown, i: CouncilItem) => (
        <span>
          <Link to={`/dossiers/${i.dossierId}`}>{i.nomineeName}</Link>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.awardName}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('council.col.threshold'),
      key: 'threshold',
      render: (_: unknown, i: CouncilItem) => <ThresholdText item={i} members={session.memberCount} />,
    },
    {
      title: t('council.col.tally'),
      key: 'tally',
      render: (_: unknown, i: CouncilItem) => <TallyCell item={i} members={session.memberCount} />,
    },
  ];
}

function ItemTable({ session }: { session: CouncilSession }) {
  const { t } = useI18n();
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<CouncilItem>
        rowKey="dossierId"
        size="middle"
        pagination={false}
        dataSource={session.items}
        scroll={{ x: 'max-content' }}
        columns={[
          ...baseColumns(t, session),
          ...(session.status === 'CLOSED'
            ? [
                {
                  title: t('council.col.result'),
                  key: 'result',
                  render: (_: unknown, i: CouncilItem) => <OutcomeCell item={i} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** A member's ballot: one choice per dossier not yet voted on, sent together; votes are final. */
function Ballot({ session }: { session: CouncilSession }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // What the member chose stays here until the API accepted it, so a failed send loses nothing.
  const [choice, setChoice] = useState<Record<string, Vote>>({});
  const [confirming, setConfirming] = useState(false);
  const chosen = session.items.filter((i) => !i.votedByMe && choice[i.dossierId]);
  const cast = useMutation({
    mutationFn: () =>
      api.vote(
        session.id,
        chosen.map((i) => ({ dossierId: i.dossierId, vote: choice[i.dossierId] })),
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(['council-session', session.id], next);
      void queryClient.invalidateQueries({ queryKey: ['council-sessions'] });
      setChoice({});
      setConfirming(false);
      void message.success(t('council.vote.sent'));
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: ['council-session', session.id] }),
  });
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Typography.Paragraph style={{ padding: '12px 16px 0' }}>{t('council.vote.pick')}</Typography.Paragraph>
      <Table<CouncilItem>
        rowKey="dossierId"
        size="middle"
        pagination={false}
        dataSource={session.items}
        scroll={{ x: 'max-content' }}
        columns={[
          ...baseColumns(t, session),
          {
            title: t('council.col.ballot'),
            key: 'ballot',
            render: (_: unknown, i: CouncilItem) =>
              i.votedByMe ? (
                <Tag data-testid="voted" data-dossier={i.dossierId}>
                  {t('council.vote.done')}
                </Tag>
              ) : (
                <Radio.Group
                  aria-label={i.nomineeName}
                  value={choice[i.dossierId]}
                  onChange={(e) => setChoice((c) => ({ ...c, [i.dossierId]: e.target.value as Vote }))}
                  options={VOTES.map((v) => ({ value: v, label: t(`council.vote.${v}`) }))}
                />
              ),
          },
        ]}
      />
      <div style={{ padding: 16 }}>
        {cast.error && !confirming ? <ErrorAlert t={t} error={cast.error} /> : null}
        <Button type="primary" disabled={chosen.length === 0} onClick={() => setConfirming(true)}>
          {t('council.vote.submit', { count: chosen.length })}
        </Button>
      </div>
      <Modal
        open={confirming}
        title={t('council.vote.submit', { count: chosen.length })}
        onCancel={() => setConfirming(false)}
        okText={t('council.vote.submit', { count: chosen.length })}
        confirmLoading={cast.isPending}
        onOk={() => cast.mutate()}
      >
        <Typography.Paragraph>{t('council.vote.final', { count: chosen.length })}</Typography.Paragraph>
        <ul>
          {chosen.map((i) => (
            <li key={i.dossierId}>
              {i.nomineeName}: <strong>{t(`council.vote.${choice[i.dossierId]}`)}</strong>
            </li>
          ))}
        </ul>
        {cast.error ? <ErrorAlert t={t} error={cast.error} /> : null}
      </Modal>
    </Card>
  );
}

/** The secretary records an absent member's written vote: the member, then a vote per dossier. */
function WrittenVoteCard({ session }: { session: CouncilSession }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roll = useQuery({ queryKey: ['council-roll', session.id], queryFn: () => api.sessionMembers(session.id) });
  const [member, setMember] = useState<string | undefined>();
  const [choice, setChoice] = useState<Record<string, Vote>>({});
  const chosen = session.items.filter((i) => choice[i.dossierId]);
  const record = useMutation({
    mutationFn: () =>
      api.writtenVote(
        session.id,
        member!,
        chosen.map((i) => ({ dossierId: i.dossierId, vote: choice[i.dossierId] })),
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(['council-session', session.id], next);
      const name = roll.data?.items.find((m) => m.username === member)?.displayName ?? member ?? '';
      setChoice({});
      setMember(undefined);
      void message.success(t('council.written.sent', { name }));
    },
  });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('council.written.title')}</h2>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('council.written.help')}</Typography.Text>
        {roll.error ? <ErrorAlert t={t} error={roll.error} /> : null}
        <div>
          <label htmlFor="written-member" style={{ display: 'block' }}>
            {t('council.written.member')}
          </label>
          <Select
            id="written-member"
            style={{ width: 360, maxWidth: '100%' }}
            value={member}
            onChange={setMember}
            loading={roll.isLoading}
            options={(roll.data?.items ?? []).map((m) => ({ value: m.username, label: m.displayName }))}
          />
        </div>
        {session.items.map((i) => (
          <div key={i.dossierId}>
            <div>{i.nomineeName}</div>
            <Radio.Group
              aria-label={`${t('council.written.title')}: ${i.nomineeName}`}
              value={choice[i.dossierId]}
              onChange={(e) => setChoice((c) => ({ ...c, [i.dossierId]: e.target.value as Vote }))}
              options={VOTES.map((v) => ({ value: v, label: t(`council.vote.${v}`) }))}
            />
          </div>
        ))}
        {record.error ? <ErrorAlert t={t} error={record.error} /> : null}
        <Button disabled={!member || chosen.length === 0} loading={record.isPending} onClick={() => record.mutate()}>
          {t('council.written.submit')}
        </Button>
      </Space>
    </Card>
  );
}

/** The secretary closes the session; what befalls the dossiers that fail is chosen here and said twice. */
function CloseCard({ session }: { session: CouncilSession }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [onFail, setOnFail] = useState<'return' | 'reject'>('return');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => api.closeSession(session.id, { onFail, reason: reason.trim() || undefined }),
    onSuccess: (next) => {
      queryClient.setQueryData(['council-session', session.id], next);
      void queryClient.invalidateQueries({ queryKey: ['council-sessions'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      setConfirming(false);
      void message.success(t('council.close.done'));
    },
  });
  const what = t(`council.close.onFail.${onFail}`);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('council.close.title')}</h2>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('council.close.help')}</Typography.Text>
        <div>
          <label htmlFor="on-fail" style={{ display: 'block' }}>
            {t('council.close.onFail')}
          </label>
          <Select
            id="on-fail"
            style={{ width: 320, maxWidth: '100%' }}
            value={onFail}
            onChange={setOnFail}
            options={(['return', 'reject'] as const).map((v) => ({
              value: v,
              label: t(`council.close.onFail.${v}`),
            }))}
          />
        </div>
        <div>
          <label htmlFor="close-reason">{t('council.close.reason')}</label>
          <Input.TextArea
            id="close-reason"
            rows={2}
            maxLength={4000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {close.error && !confirming ? <ErrorAlert t={t} error={close.error} /> : null}
        <Button danger type="primary" onClick={() => setConfirming(true)}>
          {t('council.close.submit')}
        </Button>
      </Space>
      <Modal
        open={confirming}
        title={t('council.close.title')}
        onCancel={() => setConfirming(false)}
        okText={t('council.close.submit')}
        okButtonProps={{ danger: true }}
        confirmLoading={close.isPending}
        onOk={() => close.mutate()}
      >
        <Alert type="warning" showIcon title={t('council.close.confirm', { what })} />
        {close.error ? <ErrorAlert t={t} error={close.error} /> : null}
      </Modal>
    </Card>
  );
}
