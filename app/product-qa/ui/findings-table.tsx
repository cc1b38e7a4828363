import { useEffect, useState } from "react";
import { Link as RemixLink } from "@remix-run/react";
import {
  BlockStack,
  IndexTable,
  InlineStack,
  Text,
  Thumbnail,
  useIndexResourceState,
} from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import type { FindingView } from "~/product-qa/models/findings.server";
import { ChangeBadge, SeverityBadge, SuppressedBadge } from "./badges";
import { FixLink } from "./fix-link";
import { count, counted } from "~/format";
import { sizedImageUrl } from "./image-url";

/** Polaris' small Thumbnail: 2.5rem. */
const THUMBNAIL_PX = 40;

export interface Selection {
  /** Finding row ids; empty when `all` is set. */
  ids: string[];
  /** Every finding matching the filters, not only the rows on this page. */
  all: boolean;
}

const stop = (event: React.MouseEvent) => event.stopPropagation();

/**
 * The product's first image, asked of Shopify's CDN at the thumbnail's size; the image icon when
 * it has none or it cannot be loaded.
 */
export function ProductThumbnail({ url: original, title }: { url: string | null; title: string }) {
  const url = original
    ? sizedImageUrl(original, { width: THUMBNAIL_PX, height: THUMBNAIL_PX })
    : null;
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    const probe = new Image();
    probe.onerror = () => setFailed(url);
    probe.src = url;
    return () => {
      probe.onerror = null;
    };
  }, [url]);
  const shown = url && failed !== url ? url : null;
  return <Thumbnail source={shown ?? ImageIcon} alt={shown ? title : ""} size="small" />;
}

/** The product (opens the drawer), its handle, variant and SKU. */
function ProductCell({
  finding: f,
  productHref,
}: {
  finding: FindingView;
  productHref: (productId: string) => string;
}) {
  return (
    <InlineStack gap="300" blockAlign="center" wrap={false}>
      <ProductThumbnail url={f.productImageUrl} title={f.productTitle ?? ""} />
      {/* Long titles and SKUs wrap rather than widen the table past its card. */}
      <div style={{ whiteSpace: "normal", maxWidth: "15rem", overflowWrap: "anywhere" }}>
        <BlockStack gap="050">
          {f.productId ? (
            <RemixLink to={productHref(f.productId)} onClick={stop} preventScrollReset>
              <Text as="span" fontWeight="semibold">
                {f.productTitle ?? f.productHandle ?? f.productId}
              </Text>
            </RemixLink>
          ) : (
            <Text as="span" fontWeight="semibold">
              {f.resourceId}
            </Text>
          )}
          <Text as="span" variant="bodySm" tone="subdued">
            {[
              f.productHandle,
              f.resourceType === "variant" && f.variantTitle !== "Default Title"
                ? f.variantTitle
                : null,
              f.variantSku ? `SKU ${f.variantSku}` : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </BlockStack>
      </div>
    </InlineStack>
  );
}

/** Severity, change and suppression badges over the finding's message. */
function ProblemCell({ finding: f }: { finding: FindingView }) {
  return (
    <div style={{ whiteSpace: "normal", minWidth: "12rem", maxWidth: "28rem" }}>
      <BlockStack gap="100">
        <InlineStack gap="100">
          <SeverityBadge severity={f.severity} />
          <ChangeBadge change={f.change} />
          {f.suppressed ? <SuppressedBadge /> : null}
        </InlineStack>
        <Text as="span">{f.message}</Text>
      </BlockStack>
    </div>
  );
}

/**
 * One page of findings with row selection, bulk suppress and lift, and pages. The product opens
 * the drawer with all of its findings; "Fix in Shopify" opens the admin page of the fix.
 */
export function FindingsTable({
  findings,
  matching,
  page,
  pageCount,
  embedded,
  productHref,
  pageHref,
  onSuppress,
  onLift,
}: {
  findings: FindingView[];
  matching: number;
  page: number;
  pageCount: number;
  embedded: boolean;
  productHref: (productId: string) => string;
  pageHref: (page: number) => string;
  onSuppress: (selection: Selection) => void;
  onLift: (selection: Selection) => void;
}) {
  const { selectedResources, allResourcesSelected, handleSelectionChange } = useIndexResourceState(
    findings.map((f) => ({ id: f.id })),
  );
  const selection = (): Selection => ({
    ids: allResourcesSelected ? [] : selectedResources,
    all: allResourcesSelected,
  });
  return (
    <IndexTable
      resourceName={{ singular: "finding", plural: "findings" }}
      itemCount={findings.length}
      hasMoreItems={matching > findings.length}
      paginatedSelectAllText={`All ${counted(matching, "finding")} matching the filters are selected.`}
      selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      promotedBulkActions={[
        { content: "Suppress…", onAction: () => onSuppress(selection()) },
        { content: "Lift suppression", onAction: () => onLift(selection()) },
      ]}
      headings={[{ title: "Product" }, { title: "Problem" }, { title: "Fix", alignment: "end" }]}
      pagination={{
        hasPrevious: page > 1,
        hasNext: page < pageCount,
        previousURL: page > 1 ? pageHref(page - 1) : undefined,
        nextURL: page < pageCount ? pageHref(page + 1) : undefined,
        label: `Page ${count(page)} of ${count(pageCount)} · ${counted(matching, "finding")}`,
      }}
    >
      {findings.map((f, index) => (
        <IndexTable.Row
          id={f.id}
          key={f.id}
          position={index}
          selected={selectedResources.includes(f.id)}
        >
          <IndexTable.Cell>
            <ProductCell finding={f} productHref={productHref} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <ProblemCell finding={f} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <div onClick={stop} style={{ textAlign: "end" }} role="presentation">
              <FixLink fixUrl={f.fixUrl} embedded={embedded} />
            </div>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
