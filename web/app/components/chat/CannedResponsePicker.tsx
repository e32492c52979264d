import { useState, type KeyboardEvent, type RefObject } from 'react';
import { fillPlaceholders, type Placeholder } from '../../../../core/services/canned-responses/placeholders';

export interface CannedResponseChoice {
  id: string;
  title: string;
  text: string;
}

const LIST_ID = 'canned-response-list';
const optionId = (id: string) => `canned-response-${id}`;

/**
 * `/` at the start of the reply opens the tenant's canned responses, filtered by
 * what follows the `/`; Up/Down move, Enter inserts (placeholders filled for this
 * conversation), Esc closes. The textarea keeps the focus (aria-activedescendant),
 * so typing goes on filtering. Returns the textarea's props and the list.
 */
export function useCannedResponsePicker(
  textarea: RefObject<HTMLTextAreaElement>,
  choices: CannedResponseChoice[],
  values: Partial<Record<Placeholder, string | null>>,
) {
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const q = (query ?? '').trim().toLowerCase();
  const matches =
    query === null ? [] : choices.filter((c) => c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q));
  const open = matches.length > 0;
  const current = open ? matches[Math.min(active, matches.length - 1)] : undefined;

  function insert(choice: CannedResponseChoice) {
    const el = textarea.current;
    if (!el) return;
    el.value = fillPlaceholders(choice.text, values);
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    setQuery(null);
  }

  const textareaProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? LIST_ID : undefined,
    'aria-activedescendant': current ? optionId(current.id) : undefined,
    onInput: (e: { currentTarget: HTMLTextAreaElement }) => {
      const value = e.currentTarget.value;
      // A command is a `/` at the very start, on one line; anything else is a reply.
      setQuery(/^\/[^\n]*$/.test(value) ? value.slice(1) : null);
      setActive(0);
    },
  };

  /** Handles the list's keys; true when it did (the composer then must not send). */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (query !== null && e.key === 'Escape') {
      setQuery(null);
      e.preventDefault();
      return true;
    }
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (Math.min(i, matches.length - 1) + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      insert(current!);
    } else return false;
    e.preventDefault();
    return true;
  }

  const list = open ? (
    <ul id={LIST_ID} role="listbox" aria-label="Canned responses" className="canned-list">
      {matches.map((c) => (
        <li
          key={c.id}
          id={optionId(c.id)}
          role="option"
          aria-selected={c === current}
          // Keeps the focus in the textarea; the click then inserts.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => insert(c)}
        >
          <span className="canned-title">{c.title}</span>
          <span className="canned-preview">{fillPlaceholders(c.text, values)}</span>
        </li>
      ))}
    </ul>
  ) : query !== null && query.trim() !== '' ? (
    // Said, not silent: otherwise a typo looks like a feature that does not work.
    <p role="status" className="canned-list canned-empty">
      {choices.length === 0 ? 'No canned responses yet.' : `No canned response matches “${query.trim()}”.`}
    </p>
  ) : null;

  return { textareaProps, onKeyDown, list };
}
