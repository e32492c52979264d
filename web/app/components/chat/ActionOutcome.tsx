import type { useFetcher } from '@remix-run/react';
import type { ActionResult } from '../../utils/action.server';

/** The last action's result or the reason it failed, in words. */
export function ActionOutcome({ fetcher }: { fetcher: ReturnType<typeof useFetcher<ActionResult>> }) {
  if (fetcher.state !== 'idle' || !fetcher.data) return null;
  return fetcher.data.ok ? (
    <p className="action-result" role="status">
      {fetcher.data.message}
    </p>
  ) : (
    <p className="action-error" role="alert">
      {fetcher.data.error}
    </p>
  );
}
