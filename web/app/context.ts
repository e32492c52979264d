import type { ApiDeps } from '../../core/deps';

// The Express server passes its dependencies to every loader and action, so
// the UI and the API share one db connection and one Temporal client.
declare module '@remix-run/node' {
  interface AppLoadContext {
    deps: ApiDeps;
    clientAddress: string;
    /** This response's CSP nonce: every inline script the page renders carries it. */
    cspNonce: string;
  }
}
