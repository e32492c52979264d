/**
 * WhatsApp addresses as Twilio writes them: `whatsapp:+14155238886`. Meta gives
 * bare digits (`14155238886`); both normalise to the same address.
 */
const E164 = /^\+[1-9]\d{6,14}$/;

export class InvalidPhoneNumberError extends Error {
  constructor(input: string) {
    super(
      `"${input}" is not a WhatsApp number: use the form whatsapp:+1234567890 (country code, then the number, digits only)`,
    );
    this.name = 'InvalidPhoneNumberError';
  }
}

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** `whatsapp:+1 (415) 523-8886`, `+14155238886` or `14155238886` → `whatsapp:+14155238886`. */
export function toWhatsAppAddress(input: string): string {
  const raw = input.trim().replace(/^whatsapp:/i, '');
  const compact = raw.replace(/[\s().-]/g, '');
  const withPlus = compact.startsWith('+') ? compact : `+${compact}`;
  if (!isE164(withPlus)) throw new InvalidPhoneNumberError(input);
  return `whatsapp:${withPlus}`;
}

/** `whatsapp:+14155238886` → `+14155238886`. */
export function e164Of(address: string): string {
  return toWhatsAppAddress(address).slice('whatsapp:'.length);
}

/** For lists shown to people: keeps country code and the last 4 digits. `+1 •••• 8886`-ish. */
export function maskPhone(address: string): string {
  const e164 = e164Of(address);
  const last = e164.slice(-4);
  const head = e164.slice(0, Math.min(3, e164.length - 4));
  return `${head}••••${last}`;
}
