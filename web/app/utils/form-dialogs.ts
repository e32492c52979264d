import { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { ActionResult } from './action.server';

/**
 * A list's "Delete …?" confirmation: which item is asked about, the `delete`
 * intent posted for it, and the refusal of the attempt made from this opening
 * of the dialog (not an earlier one). The dialog closes once the delete succeeded.
 */
export function useConfirmedDelete<T extends { id: string }>() {
  const deleter = useFetcher<ActionResult>();
  const [target, setTarget] = useState<T | null>(null);
  const [attempted, setAttempted] = useState(false);
  useEffect(() => {
    if (deleter.state === 'idle' && deleter.data?.ok) setTarget(null);
  }, [deleter.state, deleter.data]);
  return {
    target,
    ask: (item: T) => {
      setAttempted(false);
      setTarget(item);
    },
    close: () => setTarget(null),
    confirm: () => {
      setAttempted(true);
      if (target) deleter.submit({ intent: 'delete', id: target.id }, { method: 'post' });
    },
    busy: deleter.state !== 'idle',
    error: attempted && deleter.state === 'idle' && deleter.data && !deleter.data.ok ? deleter.data.error : null,
  };
}

/**
 * An edit dialog's form: the per-field messages of the last answer, its message
 * when no field is to blame, and closing the dialog once saved.
 */
export function useDialogForm(onClose: () => void) {
  const fetcher = useFetcher<ActionResult>();
  const result = fetcher.state === 'idle' ? fetcher.data : undefined;
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.ok) onClose();
  }, [fetcher.state, fetcher.data, onClose]);
  const fields: Record<string, string> = result && !result.ok ? result.fields : {};
  const formError = result && !result.ok && Object.keys(result.fields).length === 0 ? result.error : null;
  return { fetcher, fields, formError, busy: fetcher.state !== 'idle' };
}
