import type { SharedLocation } from '../../../workflows/definitions';

type Maybe<T> = T | null | undefined;

/** The parts of a stored message that say what it carries. */
export interface MessageContent {
  text?: string | null;
  media?: unknown[] | null;
  location?: Maybe<{
    latitude?: Maybe<number>;
    longitude?: Maybe<number>;
    name?: Maybe<string>;
    address?: Maybe<string>;
  }>;
  contacts?: Maybe<{ name?: Maybe<string>; phones?: Maybe<string[]> }[]>;
  reaction?: Maybe<{ emoji?: Maybe<string> }>;
}

/** The map link a shared location opens (no script, no API key: a plain OpenStreetMap URL). */
export function mapLinkOf(location: Pick<SharedLocation, 'latitude' | 'longitude'>): string {
  const { latitude: lat, longitude: lon } = location;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

function contactLine(c: { name?: Maybe<string>; phones?: Maybe<string[]> }): string {
  const phones = (c.phones ?? []).join(', ');
  return `${c.name || 'Unnamed contact'}${phones ? ` (${phones})` : ''}`;
}

/**
 * A message as one text, for the AI prompt and the conversation preview: its text, then
 * what else it carries in words ("Location: …", "Contact: …"). One place, so both agree.
 */
export function textRenderingOf(m: MessageContent): string {
  if (m.reaction) return m.reaction.emoji ? `Reacted ${m.reaction.emoji}` : 'Removed a reaction';
  const parts = m.text ? [m.text] : [];
  const loc = m.location;
  if (loc && typeof loc.latitude === 'number' && typeof loc.longitude === 'number') {
    const label = [loc.name, loc.address].filter(Boolean).join(', ');
    const at = { latitude: loc.latitude, longitude: loc.longitude };
    parts.push(`Location: ${label ? `${label} ` : ''}(${at.latitude}, ${at.longitude}) ${mapLinkOf(at)}`);
  }
  for (const c of m.contacts ?? []) parts.push(`Contact: ${contactLine(c)}`);
  return parts.join('\n');
}
