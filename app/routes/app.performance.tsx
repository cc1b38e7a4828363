import { ComingSoon } from "~/components/ComingSoon";

export default function PerformancePage() {
  return (
    <ComingSoon
      title="Performance"
      heading="App and performance audits have not run yet"
      description="This page will show what each app adds to the storefront and what it costs in speed."
      willShow={[
        "App embeds, blocks, pixels and third-party scripts, per app",
        "Leftover code from uninstalled apps",
        "Page weight and Lighthouse lab runs, with trends over time",
      ]}
    />
  );
}
