/** The URLs a tenant pastes into the provider's console. */
export function twilioWebhookUrl(baseUrl: string, tenantSlug: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/webhooks/twilio/${tenantSlug}`;
}

export function metaWebhookUrl(baseUrl: string, tenantSlug: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/webhooks/meta/${tenantSlug}`;
}
