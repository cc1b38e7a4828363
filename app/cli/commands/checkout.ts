/**
 * `tovholder checkout --shop DOMAIN`: the checkout checks against an installed shop (readiness
 * rules and a synthetic cart per market; no order is placed), printed per market with the
 * readiness findings. The run is stored like a run from the Checkout page.
 */
import { CliFailure, UsageError, defineCommand } from "../command";
import { readSnapshot } from "../snapshot-source";

const FORMATS = ["table", "json"] as const;

export default defineCommand({
  name: "checkout",
  summary: "Run the checkout checks (readiness and a synthetic cart per market) on a live shop",
  help: `
Usage: tovholder checkout --shop DOMAIN [--format table|json]

  --shop DOMAIN   the live shop (e.g. acme.myshopify.com), through its offline session;
                  the app must be installed on it (or the demo shop set up by npm run demo)
  --format FORMAT table (default) or json; json prints only JSON on stdout
  -h, --help      show this help

Reads the shop, runs the readiness rules, sends a test cart to every active market and opens
its checkout page. It never places an order or submits a payment. The run is stored and shows
on the Checkout page. JSON findings have the shape of every audit's findings.

Exit code 0 when every market passes and there is no critical finding, 1 when the checks fail
(or could not run), 2 for wrong arguments.

Examples:
  tovholder checkout --shop acme.myshopify.com
  tovholder checkout --shop acme.myshopify.com --format json`,
  options: {
    shop: { type: "string" },
    format: { type: "string", default: "table" },
  },
  async run(values, ctx) {
    const format = FORMATS.find((f) => f === values.format);
    if (format === undefined)
      throw new UsageError(`--format must be table or json (got "${values.format}")`);
    if (values.shop === undefined) throw new UsageError("say which shop: --shop DOMAIN");
    const shop = values.shop;
    const snapshot = await readSnapshot({ shop }, ctx);
    const { runCheckoutChecks } = await import("~/checkout/index.server");
    const result = await runCheckoutChecks({
      shop,
      snapshot,
      onProgress: (phase) => ctx.stderr(`${shop}: ${phase}\n`),
    });
    const failed = result.synthetic.filter((s) => s.status === "fail");
    const critical = result.findings.filter((f) => f.severity === "critical");
    if (format === "json") {
      ctx.stdout(
        `${JSON.stringify(
          {
            shop,
            runId: result.runId,
            status: failed.length === 0 && critical.length === 0 ? "pass" : "fail",
            markets: result.synthetic,
            syntheticSkipped: result.syntheticSkipped,
            findings: result.findings,
            skipped: result.skipped,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const width = Math.max(6, ...result.synthetic.map((s) => s.market.length));
      ctx.stdout(`${"market".padEnd(width)}  country  result  reason\n`);
      for (const s of result.synthetic)
        ctx.stdout(
          `${s.market.padEnd(width)}  ${s.country.padEnd(7)}  ${s.status.padEnd(6)}  ${s.reason ?? ""}\n`,
        );
      if (result.syntheticSkipped) ctx.stdout(`no synthetic carts: ${result.syntheticSkipped}\n`);
      ctx.stdout(`\n${result.findings.length} readiness findings\n`);
      for (const f of result.findings)
        ctx.stdout(
          `${f.severity.padEnd(8)}  ${f.ruleId}  ${f.message}${f.fixUrl ? `  → ${f.fixUrl}` : ""}\n`,
        );
    }
    if (failed.length > 0 || critical.length > 0)
      throw new CliFailure(
        `checkout checks failed on ${shop}: ${failed.length} of ${result.synthetic.length} markets failed, ${critical.length} critical findings`,
      );
  },
});
