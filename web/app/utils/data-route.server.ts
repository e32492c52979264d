/**
 * Data-only routes (no page of their own) serve the fetchers of the pages that use them.
 * Typed into the address bar they would show raw JSON: a browser navigation gets a 404
 * instead. Browsers mark navigations with Sec-Fetch-Dest / Sec-Fetch-Mode; the pages'
 * fetchers (and API clients) do not.
 */
export function refuseBrowserNavigation(request: Request): void {
  const navigating =
    request.headers.get('Sec-Fetch-Dest') === 'document' || request.headers.get('Sec-Fetch-Mode') === 'navigate';
  if (navigating) {
    throw new Response('Not found: this address serves data to the app and is not a page.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}
