/**
 * The block's markup for each state, with no state of its own: Polaris web components only,
 * every text from the locale files.
 *
 * Accessibility: severity is a badge with a word, never colour alone; the re-check button says
 * what it does and shows its progress (`loading`), and the text next to it says so in words;
 * errors are banners with a heading and a way to try again.
 */
import type { ProductFinding, ProductFindingsPayload } from "./contract";
import type { BlockState, RecheckState } from "./state";

/** The part of `shopify.i18n` the block uses. */
export interface BlockI18n {
  translate(key: string, options?: Record<string, string | number>): string;
  formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
}

export interface BlockViewProps {
  state: BlockState;
  i18n: BlockI18n;
  onRetry: () => void;
  onRecheck: () => void;
}

const BADGE_TONE = { critical: "critical", warning: "warning", info: "info" } as const;

export function BlockView({ state, i18n, onRetry, onRecheck }: BlockViewProps) {
  const t = i18n.translate;
  switch (state.phase) {
    case "loading":
      return (
        <s-admin-block heading={t("heading")}>
          <s-stack direction="inline" gap="small" alignItems="center">
            <s-spinner accessibilityLabel={t("loading")} />
            <s-text>{t("loading")}</s-text>
          </s-stack>
        </s-admin-block>
      );
    case "failed":
      return (
        <s-admin-block heading={t("heading")}>
          <s-stack direction="block" gap="base">
            <s-banner tone="critical" heading={t("error.loadHeading")}>
              {t(`error.${state.failure}`)}
            </s-banner>
            <s-stack direction="inline">
              <s-button onClick={onRetry}>{t("retry")}</s-button>
            </s-stack>
          </s-stack>
        </s-admin-block>
      );
    case "ready":
      return (
        <s-admin-block heading={t("heading")} collapsedSummary={summary(state.data, i18n)}>
          <s-stack direction="block" gap="base">
            {state.recheck.status === "failed" ? (
              <s-banner tone="critical" heading={t("error.recheckHeading")}>
                {t(`error.${state.recheck.failure}`)}
              </s-banner>
            ) : null}
            <Findings data={state.data} i18n={i18n} />
            {state.data.checkedAt === null ? null : (
              // A re-check compares the product with the shop's last full audit: none yet.
              <RecheckRow
                recheck={state.recheck}
                checkedAt={state.data.checkedAt}
                i18n={i18n}
                onRecheck={onRecheck}
              />
            )}
          </s-stack>
        </s-admin-block>
      );
  }
}

/** Shown when the merchant collapses the block (Shopify truncates it after 30 characters). */
function summary(data: ProductFindingsPayload, i18n: BlockI18n): string {
  if (data.openCount > 0) return i18n.translate("summary.open", { count: data.openCount });
  return i18n.translate(data.checkedAt === null ? "summary.unchecked" : "summary.clean");
}

function Findings({ data, i18n }: { data: ProductFindingsPayload; i18n: BlockI18n }) {
  const t = i18n.translate;
  return (
    <s-stack direction="block" gap="small">
      {data.findings.length > 0 ? (
        <s-unordered-list>
          {data.findings.map((finding) => (
            <FindingItem key={finding.key} finding={finding} i18n={i18n} />
          ))}
        </s-unordered-list>
      ) : (
        <s-text type="strong">{t(data.checkedAt === null ? "neverChecked" : "noProblems")}</s-text>
      )}
      {data.openCount > data.findings.length ? (
        <s-text color="subdued">
          {t("more", { shown: data.findings.length, total: data.openCount })}
        </s-text>
      ) : null}
      {data.suppressedCount > 0 ? (
        <s-text color="subdued">{t("suppressed", { count: data.suppressedCount })}</s-text>
      ) : null}
    </s-stack>
  );
}

function FindingItem({ finding, i18n }: { finding: ProductFinding; i18n: BlockI18n }) {
  const t = i18n.translate;
  return (
    <s-list-item>
      <s-stack direction="block" gap="small-200">
        <s-stack direction="inline" gap="small" alignItems="center">
          <s-badge tone={BADGE_TONE[finding.severity]}>{t(`severity.${finding.severity}`)}</s-badge>
          <s-text type="strong">{finding.title}</s-text>
        </s-stack>
        {finding.variant ? <s-text>{t("variant", { title: finding.variant.title })}</s-text> : null}
        <s-text>{finding.message}</s-text>
        {finding.fixHint ? (
          <s-text color="subdued">{t("fixHint", { hint: finding.fixHint })}</s-text>
        ) : null}
        {finding.variant?.adminLink ? (
          <s-link href={finding.variant.adminLink}>
            {t("openVariant", { title: finding.variant.title })}
          </s-link>
        ) : null}
      </s-stack>
    </s-list-item>
  );
}

function RecheckRow(props: {
  recheck: RecheckState;
  checkedAt: string;
  i18n: BlockI18n;
  onRecheck: () => void;
}) {
  const { recheck, checkedAt, i18n, onRecheck } = props;
  const running = recheck.status === "running";
  const status = running
    ? i18n.translate("rechecking")
    : i18n.translate("checkedAt", {
        date: i18n.formatDate(new Date(checkedAt), { dateStyle: "medium", timeStyle: "short" }),
      });
  return (
    <s-stack direction="inline" gap="base" alignItems="center">
      <s-button
        onClick={onRecheck}
        loading={running}
        accessibilityLabel={i18n.translate("recheckLabel")}
      >
        {i18n.translate("recheck")}
      </s-button>
      <s-text color="subdued">{status}</s-text>
    </s-stack>
  );
}
