import { metaGraphUrl } from './send';

export interface MetaPhoneNumberCheck {
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  accessToken: string;
}

/** What Graph says about a Phone Number ID read with an access token. */
export type MetaPhoneNumberAnswer =
  | { outcome: 'found'; displayPhoneNumber?: string; verifiedName?: string }
  | { outcome: 'bad-token'; reason: string }
  | { outcome: 'not-this-app'; reason: string }
  | { outcome: 'unreachable' };

/**
 * `GET /{version}/{phone-number-id}` with the number's access token: Graph answers
 * only for a number the token's app may use (code 100 "does not exist … missing
 * permissions" otherwise; 190 for a bad token).
 */
export async function fetchMetaPhoneNumber(check: MetaPhoneNumberCheck): Promise<MetaPhoneNumberAnswer> {
  const url = metaGraphUrl(
    check.baseUrl,
    check.version,
    `${encodeURIComponent(check.phoneNumberId)}?fields=display_phone_number,verified_name`,
  );
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${check.accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return { outcome: 'unreachable' };
  }
  const json = (await res.json().catch(() => ({}))) as {
    id?: string;
    display_phone_number?: string;
    verified_name?: string;
    error?: { code?: number; message?: string };
  };
  if (res.ok && json.id === check.phoneNumberId)
    return { outcome: 'found', displayPhoneNumber: json.display_phone_number, verifiedName: json.verified_name };
  if (res.status >= 500) return { outcome: 'unreachable' };
  const reason = json.error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401 || json.error?.code === 190) return { outcome: 'bad-token', reason };
  return { outcome: 'not-this-app', reason };
}
