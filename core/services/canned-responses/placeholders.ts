/**
 * The placeholders a canned response may hold, and filling them for one
 * conversation. Pure (no server imports): the composer fills them in the browser,
 * so the person sees and can edit the text before sending (ADR 0115).
 */
export const PLACEHOLDERS = ['customer.name', 'customer.phone', 'agent.name', 'number.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** `{{ name }}`, spaces inside the braces allowed. */
const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders in `text` this product does not know, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER_PATTERN)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) unknown.add(`{{${name}}}`);
  }
  return [...unknown];
}

/**
 * `text` with each placeholder replaced by its value. A value not known for this
 * conversation (a customer who sent no profile name) leaves the placeholder as
 * written, so the person sees the gap and fills it before sending.
 */
export function fillPlaceholders(text: string, values: Partial<Record<Placeholder, string | null>>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => values[name as Placeholder] || whole);
}
