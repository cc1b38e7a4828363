/**
 * `GET /app/products/export?<the Products page's filters>`: every finding the filters match, as
 * CSV, streamed a batch at a time (no limit, flat memory), in the page's severity order.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { streamFindings } from "~/product-qa/index.server";
import { ruleDefinition } from "~/product-qa";
import { FINDINGS_CSV_HEADER, csvLine, findingCsvLine } from "~/product-qa";
import { findingFilter } from "~/product-qa/index.server";
import { parseProductsQuery } from "~/product-qa";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const filter = findingFilter(parseProductsQuery(new URL(request.url).searchParams));
  const encoder = new TextEncoder();
  const findings = streamFindings(shop, filter);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte order mark: spreadsheet programs then read the UTF-8 (æ, ø, å) as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(FINDINGS_CSV_HEADER)}`));
    },
    async pull(controller) {
      let text = "";
      for (let i = 0; i < 500; i++) {
        const next = await findings.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        const f = next.value;
        text += findingCsvLine(f, ruleDefinition(f.ruleId)?.title ?? f.ruleId);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await findings.return(undefined);
    },
  });
  const store = shop.replace(/\.myshopify\.com$/, "");
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="findings-${store}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
