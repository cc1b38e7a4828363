import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { Frame, Navigation } from "@shopify/polaris";
import {
  HomeIcon,
  ProductIcon,
  CartIcon,
  GaugeIcon,
  FileIcon,
  SettingsIcon,
} from "@shopify/polaris-icons";
import { requireAdmin } from "~/auth.server";
import { env } from "~/env.server";
import { getShopSettings } from "~/db/shop-settings.server";
import type { ShopSettingsView } from "~/ui/shop-settings";

export const NAV_ITEMS = [
  { url: "/app", label: "Dashboard", icon: HomeIcon, exact: true },
  { url: "/app/products", label: "Products", icon: ProductIcon },
  { url: "/app/checkout", label: "Checkout", icon: CartIcon },
  { url: "/app/performance", label: "Performance", icon: GaugeIcon },
  { url: "/app/reports", label: "Reports", icon: FileIcon },
  { url: "/app/settings", label: "Settings", icon: SettingsIcon },
] as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, embedded } = await requireAdmin(request);
  // Shared with the child pages through useShopSettings (~/ui/shop-settings).
  const { timeZone } = await getShopSettings(shop);
  const settings: ShopSettingsView = { timeZone };
  return { apiKey: env().apiKey, embedded, shop, settings };
};

export default function AppLayout() {
  const { apiKey, embedded, shop } = useLoaderData<typeof loader>();
  const location = useLocation();

  if (embedded) {
    return (
      <AppProvider isEmbeddedApp apiKey={apiKey}>
        <NavMenu>
          {NAV_ITEMS.map((item) =>
            item.url === "/app" ? (
              <Link key={item.url} to={item.url} rel="home">
                {item.label}
              </Link>
            ) : (
              <Link key={item.url} to={item.url}>
                {item.label}
              </Link>
            ),
          )}
        </NavMenu>
        <Outlet />
      </AppProvider>
    );
  }

  // Demo mode: no Shopify admin around the app, so it draws its own navigation.
  return (
    <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
      <Frame
        navigation={
          <Navigation location={location.pathname}>
            <Navigation.Section
              title={`Tovholder · ${shop}`}
              items={NAV_ITEMS.map((item) => ({
                url: item.url,
                label: item.label,
                icon: item.icon,
                exactMatch: "exact" in item ? item.exact : false,
                selected:
                  "exact" in item
                    ? location.pathname === item.url
                    : location.pathname.startsWith(item.url),
              }))}
            />
          </Navigation>
        }
      >
        <Outlet />
      </Frame>
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included in the response.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
