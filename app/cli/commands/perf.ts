/** `tovholder perf`: crawl a shop's storefront, measure what each page and each app costs, store a PerfRun. */
import { readFile } from "node:fs/promises";
import type { AppHostList } from "~/performance";
import type { PerfLighthouseResults } from "~/performance";
import { changeHeadline } from "~/performance";
import type { PerfHttpResults } from "~/performance";
import type { PerfRunView } from "~/performance/index.server";
import { CliFailure, UsageError, defineCommand } from "../command";

const FORMATS = ["table", "json"] as const;

export default defineCommand({
  name: "perf",
  summary:
    "Measure a shop's storefront: page weight, render-blocking files, app footprint, leftovers",
  help: `
Usage: tovholder perf --shop DOMAIN [--lighthouse [--runs N]] [--format table|json] [--password PASSWORD] [--app-hosts FILE]

  --shop DOMAIN      the installed shop (e.g. acme.myshopify.com); its offline session is used
                     to read the theme's files, and its storefront is crawled by plain HTTP
                     (home, a collection, a product, the cart, a search)
  --password PASS    storefront password for this run (default: the one saved for the shop)
  --app-hosts FILE   extra host → app entries (same shape as app/performance/domain/app-hosts.json)
  --lighthouse       also run Lighthouse (mobile) in headless Chromium on home, a collection and
                     a product: performance score, LCP, TBT, CLS per page (median of the runs)
                     and the weighted store score; stored as its own run. Chromium is
                     TOVHOLDER_CHROMIUM (default /usr/bin/chromium); without it the Lighthouse
                     part is skipped with the reason
  --runs N           Lighthouse runs per page, 1–9 (default 3)
  --format FORMAT    table (default) or json; json prints only JSON on stdout
  -h, --help         show this help

The run is stored (PerfRun) and compared with the previous one. A password-protected storefront
without a password is reported as not measured (exit code 1), as is a Lighthouse part that was
skipped or failed.

Examples:
  tovholder perf --shop acme.myshopify.com
  tovholder perf --shop acme.myshopify.com --format json --app-hosts my-apps.json
  tovholder perf --shop acme.myshopify.com --lighthouse --runs 5`,
  options: {
    shop: { type: "string" },
    password: { type: "string" },
    "app-hosts": { type: "string" },
    lighthouse: { type: "boolean", default: false },
    runs: { type: "string" },
    format: { type: "string", default: "table" },
  },
  async run(values, ctx) {
    const format = FORMATS.find((f) => f === values.format);
    if (format === undefined)
      throw new UsageError(`--format must be table or json (got "${values.format}")`);
    if (!values.shop) throw new UsageError("say which shop to measure: --shop DOMAIN");
    const shop = values.shop.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop))
      throw new UsageError(`--shop "${values.shop}" is not a shop domain like acme.myshopify.com`);
    const appHosts = values["app-hosts"]
      ? await readAppHosts(ctx.resolvePath(values["app-hosts"]))
      : undefined;
    let runs: number | undefined;
    if (values.runs !== undefined) {
      if (!values.lighthouse) throw new UsageError("--runs goes with --lighthouse");
      runs = Number(values.runs);
      if (!Number.isInteger(runs) || runs < 1 || runs > 9)
        throw new UsageError(`--runs must be a whole number from 1 to 9 (got "${values.runs}")`);
    }
    ctx.stderr(`${shop}: crawling the storefront\n`);
    const { runPerfHttp } = await import("~/performance/index.server");
    const run = await runPerfHttp(shop, { password: values.password, appHosts });
    let lighthouse: PerfRunView | null = null;
    if (values.lighthouse) {
      const { runPerfLighthouse } = await import("~/performance/index.server");
      ctx.stderr(`${shop}: Lighthouse lab runs in Chromium\n`);
      lighthouse = await runPerfLighthouse(shop, {
        password: values.password,
        runs,
        onProgress: (phase) => ctx.stderr(`${phase}\n`),
      });
    }
    if (format === "json")
      ctx.stdout(
        `${JSON.stringify(
          {
            id: run.id,
            shop,
            status: run.status,
            reason: run.reason,
            results: run.results,
            ...(lighthouse && {
              lighthouse: {
                id: lighthouse.id,
                status: lighthouse.status,
                reason: lighthouse.reason,
                results: lighthouse.lighthouse,
              },
            }),
          },
          null,
          2,
        )}\n`,
      );
    else {
      if (run.results) ctx.stdout(perfTable(run.results));
      if (lighthouse?.lighthouse) ctx.stdout(`\n${lighthouseTable(lighthouse.lighthouse)}`);
    }
    const failures = [
      run.status !== "succeeded" ? (run.reason ?? run.status) : null,
      lighthouse && lighthouse.status !== "succeeded"
        ? `Lighthouse: ${lighthouse.reason ?? lighthouse.status}`
        : null,
    ].filter((f): f is string => f !== null);
    if (failures.length > 0) {
      if (format === "json") return 1;
      throw new CliFailure(`${shop}: ${failures.join("; ")}`);
    }
  },
});

async function readAppHosts(path: string): Promise<AppHostList> {
  const { validateAppHosts } = await import("~/performance");
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new CliFailure(`--app-hosts ${path}: ${(error as Error).message}`);
  }
  const { list, errors } = validateAppHosts(value);
  if (!list) throw new CliFailure(`--app-hosts ${path}: ${errors.join("; ")}`);
  return list;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The table output: pages, apps, unknown hosts, findings, changes. */
export function perfTable(r: PerfHttpResults): string {
  const out: string[] = [];
  out.push(
    table([
      ["page", "requests", "total", "HTML", "JS", "CSS", "images", "3rd-party", "blocking"],
      ...r.pages.map((p) => [
        p.type,
        String(p.requests),
        kb(p.totalBytes),
        kb(p.htmlBytes),
        kb(p.bytesByType.script),
        kb(p.bytesByType.stylesheet),
        kb(p.imageBytes),
        kb(p.thirdPartyBytes),
        String(p.renderBlocking.length),
      ]),
    ]),
  );
  out.push("");
  out.push(
    table([
      ["app", "embeds/blocks", "requests", "bytes", "JS", "hosts"],
      ...r.footprint.apps.map((a) => [
        a.app,
        a.theme.map((t) => `${t.kind}${t.enabled ? "" : " (off)"}`).join(", ") || "-",
        String(a.requests),
        kb(a.bytes),
        kb(a.scriptBytes),
        a.hosts.join(" ") || "-",
      ]),
      ...r.footprint.unknownHosts.map((u) => [
        "unknown",
        "-",
        String(u.requests),
        kb(u.bytes),
        "",
        u.host,
      ]),
    ]),
  );
  out.push("");
  if (r.findings.length === 0) out.push("No findings.");
  for (const f of r.findings) out.push(`${f.severity.padEnd(8)} ${f.ruleId}  ${f.message}`);
  if (r.theme) {
    const t = r.theme;
    out.push(
      "",
      `theme "${t.name}": ${t.files} code files (${kb(t.bytes)}) read, ${t.assets} assets listed, ${t.requests} Admin API requests, query cost ${t.cost}${t.skipped.length > 0 ? `, ${t.skipped.length} files not read` : ""}`,
    );
  }
  if (r.themeCheck?.status === "ran") {
    const n = Object.values(r.themeCheck.offences).reduce((a, b) => a + b, 0);
    out.push(
      `theme-check: ${r.themeCheck.checks.length} checks in ${r.themeCheck.ms} ms, ${n} offences; not run: ${Object.keys(r.themeCheck.notRun).join(", ")}`,
    );
  } else if (r.themeCheck) out.push(`theme-check did not run: ${r.themeCheck.reason}`);
  for (const note of r.notes.slice(1)) out.push(`note: ${note}`);
  out.push("", changeHeadline(r));
  return `${out.join("\n")}\n`;
}

/** The Lighthouse table: per page the medians of the runs, then the weighted store score. */
export function lighthouseTable(r: PerfLighthouseResults): string {
  const rows = [
    ["page", "score", "LCP", "TBT", "CLS", "runs"],
    ...r.pages.map((p) => [
      p.type,
      String(p.median.score),
      `${(p.median.lcpMs / 1000).toFixed(1)} s`,
      `${p.median.tbtMs} ms`,
      p.median.cls.toFixed(3),
      String(p.runs.length),
    ]),
  ];
  const score =
    r.storeScore === null
      ? "Store score: not weighted (home, collection and product are all needed)"
      : `Store score: ${r.storeScore} (home 17 %, product 40 %, collection 43 %)`;
  return `Lighthouse (mobile, median of ${r.runsPerPage} run${r.runsPerPage === 1 ? "" : "s"} per page)\n${table(rows)}\n${[score, ...r.notes].join("\n")}\n`;
}
