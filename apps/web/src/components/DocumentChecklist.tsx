import { Alert, App, Button, List, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { ChecklistItem, DossierView } from '../api/types';
import { useAuth } from '../auth';
import { ErrorAlert, errorText } from '../errors';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { acceptAttribute, canUpload, fileProblem, formatBytes, typeNames } from '../logic/documents';

/** The papers the award requires (Law Art. 84): which are attached, which submission still misses. */
export function useChecklist(dossierId: string) {
  return useQuery({ queryKey: ['documents', dossierId], queryFn: () => api.documents(dossierId) });
}

type Problem = { text: string } | { error: unknown; file: string; name: string };

/**
 * The dossier's document checklist: everyone who may see the dossier reads and downloads; the nominating
 * unit's clerk uploads while it is a draft or returned (the server's rule; other callers see no button).
 */
export function DocumentChecklist({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useChecklist(dossier.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <ErrorAlert t={t} error={q.error} />;
  const checklist = q.data;
  const mayUpload = !!user && canUpload(dossier, user);
  const missingNames = checklist.items.filter((i) => checklist.missing.includes(i.code)).map((i) => i.name);

  const upload = async (item: ChecklistItem, file: File) => {
    setBusy(item.code);
    setProblem(null);
    try {
      await api.upload(dossier.id, item.code, file);
      message.success(t('docs.uploaded', { name: item.name }));
      await queryClient.invalidateQueries({ queryKey: ['documents', dossier.id] });
    } catch (error) {
      setProblem({ error, file: file.name, name: item.name });
    } finally {
      setBusy(null);
      // The file dialog and the list's refresh leave the focus on the page's body: put it back on this paper's
      // button, so a keyboard user goes on from where they were.
      window.requestAnimationFrame(() =>
        document
          .querySelector<HTMLButtonElement>(
            `[data-testid="doc-item"][data-code="${CSS.escape(item.code)}"] button[data-upload]`,
          )
          ?.focus(),
      );
    }
  };

  const download = async (documentId: string, fileName: string) => {
    setProblem(null);
    try {
      const blob = await api.download(dossier.id, documentId);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      // Revoked after the click has been handled: the browser has started the download by then.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem({ error, file: fileName, name: fileName });
    }
  };

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="document-checklist">
      {mayUpload && (
        <Typography.Text type="secondary">
          {t('docs.helpUpload', { types: typeNames(checklist.acceptedTypes), max: formatBytes(checklist.maxBytes) })}
        </Typography.Text>
      )}
      {checklist.missing.length === 0 ? (
        <Alert type="success" showIcon title={t('docs.complete')} data-testid="checklist-complete" />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('docs.incomplete', { count: checklist.missing.length, names: missingNames.join('; ') })}
          data-testid="checklist-incomplete"
        />
      )}
      {problem && <ProblemAlert problem={problem} />}
      <List
        size="small"
        bordered
        dataSource={checklist.items}
        renderItem={(item) => {
          const present = !!item.current;
          return (
            <List.Item
              data-testid="doc-item"
              data-code={item.code}
              data-present={present ? 'true' : 'false'}
              actions={
                mayUpload && item.dueAtSubmission
                  ? [
                      <Upload
                        key="upload"
                        accept={acceptAttribute(checklist.acceptedTypes)}
                        showUploadList={false}
                        multiple={false}
                        beforeUpload={(file) => {
                          const text = fileProblem(t, file, checklist);
                          if (text) {
                            setProblem({ text });
                            return Upload.LIST_IGNORE;
                          }
                          return true;
                        }}
                        customRequest={({ file }) => void upload(item, file as File)}
                      >
                        <Button
                          size="small"
                          data-upload
                          loading={busy === item.code}
                          // The visible words first, so that speech input finds the button by what it shows.
                          aria-label={t('docs.uploadFor', {
                            action: present ? t('docs.replace') : t('docs.upload'),
                            name: item.name,
                          })}
                        >
                          {present ? t('docs.replace') : t('docs.upload')}
                        </Button>
                      </Upload>,
                    ]
                  : []
              }
            >
              <div style={{ minWidth: 0 }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{item.name}</Typography.Text>
                  {present ? (
                    <Tag style={{ color: '#135200', background: '#f6ffed', borderColor: '#95de64' }}>
                      {t('docs.present')}
                    </Tag>
                  ) : item.dueAtSubmission ? (
                    <Tag style={{ color: '#873800', background: '#fff7e6', borderColor: '#ffc069' }}>
                      {t('docs.missing')}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary">{t('docs.byCouncil')}</Typography.Text>
                  )}
                </Space>
                {item.current && (
                  <div style={{ overflowWrap: 'anywhere' }}>
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                      aria-label={t('docs.downloadFile', { file: item.current.fileName })}
                      onClick={() => void download(item.current!.id, item.current!.fileName)}
                    >
                      {item.current.fileName}
                    </Button>{' '}
                    <Typography.Text type="secondary">
                      {t('docs.version', {
                        version: item.current.version,
                        date: formatDateTime(item.current.uploadedAt),
                        size: formatBytes(item.current.sizeBytes),
                      })}
                    </Typography.Text>
                  </div>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}

function ProblemAlert({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  if ('text' in problem) return <Alert type="error" showIcon role="alert" title={problem.text} />;
  const { title, detail } = errorText(t, problem.error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`${t('docs.uploadFailed', { file: problem.file, name: problem.name })} ${title}`}
      description={detail}
    />
  );
}
