import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import type { LinksFunction } from "@remix-run/node";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

/**
 * A route whose `handle` says `{ hydrate: false }` is served as plain HTML without any script
 * (the share link's report: its Content-Security-Policy allows no script at all).
 */
function useHydrate(): boolean {
  return !useMatches().some(
    (m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false,
  );
}

export default function App() {
  const hydrate = useHydrate();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        {hydrate && <ScrollRestoration />}
        {hydrate && <Scripts />}
      </body>
    </html>
  );
}
