import type { KeyboardEvent } from 'react';

/**
 * Up / Down (and Home / End) move the focus between the items `selector` finds inside the
 * element the handler is on; Enter then opens the focused link, as links do.
 */
export function arrowKeysBetween(selector: string) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    const jump = { Home: 'first', End: 'last' }[event.key];
    if (!step && !jump) return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(selector)];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next =
      jump === 'first'
        ? 0
        : jump === 'last'
          ? items.length - 1
          : at === -1
            ? 0
            : Math.min(Math.max(at + step!, 0), items.length - 1);
    event.preventDefault();
    items[next].focus();
  };
}
