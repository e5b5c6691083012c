import { Alert, Button, type FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from './auth';
import { useI18n } from './i18n';

const PREFIX = 'ade.draft.';

interface Stored<T> {
  savedAt: number;
  values: T;
}

/** Empty strings, nulls and empty objects carry nothing worth restoring. */
function hasContent(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === 'object') return Object.values(value).some(hasContent);
  return true;
}

/**
 * A form's draft, kept in this browser per user and form as it is typed, so that nothing is lost when a session
 * ends, the tab is closed or the network drops: the form opens again with it and says so. `pick` chooses what is
 * kept (plain values only). Cleared once the form's request succeeds, or when the user discards it.
 */
export function useFormDraft<T extends object>(
  form: FormInstance<T>,
  formKey: string,
  pick: (values: T) => Partial<T> = (v) => v,
) {
  const { user } = useAuth();
  const key = user ? `${PREFIX}${user.username}.${formKey}` : null;
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const pickRef = useRef(pick);
  pickRef.current = pick;
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    setRestoredAt(null);
    if (!key) return;
    try {
      const raw = localStorage.getItem(key);
      if (!raw) return;
      const stored = JSON.parse(raw) as Stored<Partial<T>>;
      if (!hasContent(stored.values)) return;
      form.setFieldsValue(stored.values as Parameters<FormInstance<T>['setFieldsValue']>[0]);
      setRestoredAt(stored.savedAt);
    } catch {
      localStorage.removeItem(key);
    }
  }, [form, key]);

  const save = useCallback(() => {
    timer.current = undefined;
    if (!key) return;
    const values = pickRef.current(form.getFieldsValue(true) as T);
    try {
      if (hasContent(values)) localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values }));
      else localStorage.removeItem(key);
    } catch {
      // Storage full or disabled: the form still works, only without a draft.
    }
  }, [form, key]);

  /** For the Form's onValuesChange: written a moment after the typing stops, and at once when the page goes. */
  const onValuesChange = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(save, 400);
  }, [save]);

  useEffect(() => {
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      // Leaving (the session ended, the user navigated) with typing not yet written: write it now, for this user.
      if (timer.current !== undefined) {
        window.clearTimeout(timer.current);
        save();
      }
    };
  }, [save]);

  const clear = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (key) localStorage.removeItem(key);
    setRestoredAt(null);
  }, [key]);

  const discard = useCallback(() => {
    clear();
    form.resetFields();
  }, [clear, form]);

  return { onValuesChange, save, clear, discard, restoredAt };
}

/** Says that a draft was restored, with a button to throw it away. */
export function DraftNotice(props: { restoredAt: number | null; onDiscard(): void }) {
  const { t, lang } = useI18n();
  if (props.restoredAt === null) return null;
  const time = new Date(props.restoredAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      title={t('draft.restored', { time })}
      action={
        <Button size="small" onClick={props.onDiscard}>
          {t('draft.discard')}
        </Button>
      }
    />
  );
}
