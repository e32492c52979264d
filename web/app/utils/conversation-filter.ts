/** Query-string keys that belong to the list (kept when moving between conversations). */
const LIST_KEYS = ['status', 'numberId', 'q'] as const;

/** `?status=open&q=ana` from any URL's search: the part that says which list is shown. */
export function listSearchOf(search: string): string {
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const value = from.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
