import { Button } from "@shopify/polaris";
import { embeddedAdminUrl } from "~/findings/admin-links";

/**
 * "Fix in Shopify": inside Shopify admin an App Bridge link (`shopify://admin/…`, opened in the
 * admin around the app, hence `_top`); in demo mode, where no admin surrounds the app, the admin
 * URL in a new tab. Nothing when no admin page can be named (a CSV snapshot without a shop).
 */
export function FixLink({
  fixUrl,
  embedded,
  label = "Fix in Shopify",
}: {
  fixUrl: string | null;
  embedded: boolean;
  label?: string;
}) {
  const url = embedded ? embeddedAdminUrl(fixUrl) : fixUrl;
  if (url === null) return null;
  return (
    <Button variant="plain" url={url} target={embedded ? "_top" : "_blank"}>
      {label}
    </Button>
  );
}
