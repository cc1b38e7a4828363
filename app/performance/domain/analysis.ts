/** Figures of one crawled page: weight by type and by host, first- vs third-party, render-blocking. */
import type { AppAttributor } from "./app-hosts";
import { wasRequested, type PageLimitHits } from "./crawl-limits";
import type { CrawledPage, HostFigures, PageFigures, ResourceType } from "./types";

export function analysePage(page: CrawledPage, attributor: AppAttributor): PageFigures {
  const bytesByType: PageFigures["bytesByType"] = {
    html: page.htmlBytes,
    script: 0,
    stylesheet: 0,
    image: 0,
    font: 0,
    other: 0,
  };
  const pageHost = attributor.attribute(page.url);
  const hosts = new Map<string, HostFigures>([
    [pageHost.host, { ...pageHost, requests: 1, bytes: page.htmlBytes, scriptBytes: 0 }],
  ]);
  let firstPartyBytes = page.htmlBytes;
  let thirdPartyBytes = 0;
  let thirdPartyScriptBytes = 0;
  const renderBlocking: PageFigures["renderBlocking"] = [];
  const failed: PageFigures["failed"] = [];
  const hits: PageLimitHits = {
    resources: [],
    omitted: page.omittedResources ?? 0,
    referenced: page.resources.length + (page.omittedResources ?? 0),
    htmlTruncated: page.htmlTruncated ?? false,
  };
  let requested = 0;
  for (const r of page.resources) {
    if (r.limit) hits.resources.push({ url: r.url, limit: r.limit });
    // Not requested (refused address, run budget spent): no request, no bytes, no host.
    if (!wasRequested(r)) continue;
    requested += 1;
    const who = attributor.attribute(r.url);
    bytesByType[r.type satisfies ResourceType] += r.bytes;
    const entry = hosts.get(who.host) ?? { ...who, requests: 0, bytes: 0, scriptBytes: 0 };
    entry.requests += 1;
    entry.bytes += r.bytes;
    if (r.type === "script") entry.scriptBytes += r.bytes;
    hosts.set(who.host, entry);
    if (who.party === "first-party") firstPartyBytes += r.bytes;
    else {
      thirdPartyBytes += r.bytes;
      if (r.type === "script") thirdPartyScriptBytes += r.bytes;
    }
    if (r.renderBlocking) renderBlocking.push({ ...who, url: r.url, type: r.type });
    if (r.status === null || r.status >= 400) failed.push({ url: r.url, status: r.status });
  }
  const limited = hits.resources.length > 0 || hits.omitted > 0 || hits.htmlTruncated;
  const totalBytes = firstPartyBytes + thirdPartyBytes;
  return {
    type: page.type,
    url: page.url,
    status: page.status,
    htmlBytes: page.htmlBytes,
    requests: 1 + requested,
    totalBytes,
    bytesByType,
    bytesByHost: [...hosts.values()].sort(
      (a, b) => b.bytes - a.bytes || a.host.localeCompare(b.host),
    ),
    firstPartyBytes,
    thirdPartyBytes,
    thirdPartyScriptBytes,
    imageBytes: bytesByType.image,
    renderBlocking,
    failed,
    ...(limited && { limits: hits }),
  };
}
