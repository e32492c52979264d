import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from '@remix-run/react';
import stylesHref from './styles.css?url';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesHref }];

// Pages without a title of their own keep this one; the tenant shell adds the unread count.
export const meta: MetaFunction = () => [{ title: 'Helios WhatsApp' }];

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* No favicon file yet: an empty data URL stops the browser asking for /favicon.ico. */}
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const title = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'Something went wrong';
  const detail = isRouteErrorResponse(error) ? String(error.data) : 'The error has been logged.';
  return (
    <main className="centered">
      <div className="card">
        <h1>{title}</h1>
        <p>{detail}</p>
        <a href="/">Back to the start</a>
      </div>
    </main>
  );
}
