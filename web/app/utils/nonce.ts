import { createContext, useContext } from 'react';

// The server renders with this response's CSP nonce; in the browser it is '' (browsers hide nonces from the DOM).
const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
