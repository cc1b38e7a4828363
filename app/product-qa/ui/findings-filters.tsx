import { useSearchParams } from "@remix-run/react";
import { ChoiceList, Filters, InlineStack, Select, type FilterInterface } from "@shopify/polaris";
import {
  FILTER_PARAMS,
  type ProductsQuery,
  type SortValue,
} from "~/product-qa/server/products-query";

const SEVERITY_CHOICES = [
  { label: "Critical", value: "critical" },
  { label: "Warning", value: "warning" },
  { label: "Info", value: "info" },
];
const CHANGE_CHOICES = [
  { label: "New since the audit before", value: "new" },
  { label: "Persisting", value: "persisting" },
  { label: "Regressed (fixed, then back)", value: "regressed" },
];
const SUPPRESSED_CHOICES = [
  { label: "Hide suppressed", value: "hide" },
  { label: "Show suppressed too", value: "show" },
  { label: "Only suppressed", value: "only" },
];
const SORT_OPTIONS: { label: string; value: SortValue }[] = [
  { label: "Most severe first", value: "severity" },
  { label: "Product A–Z", value: "product" },
  { label: "Rule", value: "rule" },
  { label: "Newest first", value: "newest" },
];

const NO_VALUE = "(none)";
const labelOf = (value: string) => (value === "" ? NO_VALUE : value);

type MultiParam = "severity" | "rule" | "vendor" | "type" | "change";

type Update = (change: (params: URLSearchParams) => void) => void;
type SetMany = (name: MultiParam, values: string[]) => void;

/** Changes the URL's filter parameters, back to the first page. */
function useQueryUpdate(): { update: Update; setMany: SetMany } {
  const [, setSearchParams] = useSearchParams();
  const update = (change: (params: URLSearchParams) => void) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        next.delete("page");
        return next;
      },
      { preventScrollReset: true },
    );
  const setMany = (name: MultiParam, values: string[]) =>
    update((p) => {
      p.delete(name);
      for (const v of values) p.append(name, v);
    });

  return { update, setMany };
}

function filterList(
  query: ProductsQuery,
  choices: { vendors: string[]; productTypes: string[]; rules: { id: string; title: string }[] },
  update: Update,
  setMany: SetMany,
): FilterInterface[] {
  const multi = (
    key: MultiParam,
    label: string,
    options: { label: string; value: string }[],
  ): FilterInterface => ({
    key,
    label,
    shortcut: key === "severity" || key === "rule",
    filter: (
      <ChoiceList
        title={label}
        titleHidden
        allowMultiple
        choices={options}
        selected={query[key]}
        onChange={(values) => setMany(key, values)}
      />
    ),
  });
  return [
    multi("severity", "Severity", SEVERITY_CHOICES),
    multi(
      "rule",
      "Rule",
      choices.rules.map((r) => ({ label: r.title, value: r.id })),
    ),
    multi(
      "vendor",
      "Vendor",
      choices.vendors.map((v) => ({ label: labelOf(v), value: v })),
    ),
    multi(
      "type",
      "Product type",
      choices.productTypes.map((t) => ({ label: labelOf(t), value: t })),
    ),
    multi("change", "Change", CHANGE_CHOICES),
    {
      key: "suppressed",
      label: "Suppressed",
      filter: (
        <ChoiceList
          title="Suppressed"
          titleHidden
          choices={SUPPRESSED_CHOICES}
          selected={[query.suppressed]}
          onChange={([value]) => update((p) => p.set("suppressed", value ?? "hide"))}
        />
      ),
    },
  ];
}

function appliedFilters(
  query: ProductsQuery,
  ruleTitle: Map<string, string>,
  update: Update,
  setMany: SetMany,
) {
  return [
    ...(
      [
        ["severity", "Severity", (v: string) => v],
        ["rule", "Rule", (v: string) => ruleTitle.get(v) ?? v],
        ["vendor", "Vendor", labelOf],
        ["type", "Product type", labelOf],
        ["change", "Change", (v: string) => v],
      ] as const
    )
      .filter(([key]) => query[key].length > 0)
      .map(([key, label, show]) => ({
        key,
        label: `${label}: ${query[key].map(show).join(", ")}`,
        onRemove: () => setMany(key, []),
      })),
    ...(query.suppressed === "hide"
      ? []
      : [
          {
            key: "suppressed",
            label: query.suppressed === "show" ? "Suppressed shown" : "Only suppressed",
            onRemove: () => update((p) => p.delete("suppressed")),
          },
        ]),
  ];
}

/**
 * The filters and the sort order as URL parameters: each change navigates (the loader filters
 * on the server), back to the first page.
 */
export function FindingsFilters({
  query,
  choices,
}: {
  query: ProductsQuery;
  choices: { vendors: string[]; productTypes: string[]; rules: { id: string; title: string }[] };
}) {
  const { update, setMany } = useQueryUpdate();
  const ruleTitle = new Map(choices.rules.map((r) => [r.id, r.title]));
  const filters = filterList(query, choices, update, setMany);
  const applied = appliedFilters(query, ruleTitle, update, setMany);
  return (
    <Filters
      filters={filters}
      appliedFilters={applied}
      hideQueryField
      queryValue=""
      onQueryChange={() => undefined}
      onQueryClear={() => undefined}
      onClearAll={() => update((p) => FILTER_PARAMS.forEach((name) => p.delete(name)))}
    >
      <InlineStack gap="200" blockAlign="center">
        <Select
          label="Sort"
          labelInline
          options={SORT_OPTIONS}
          value={query.sort}
          onChange={(value) =>
            update((p) => (value === "severity" ? p.delete("sort") : p.set("sort", value)))
          }
        />
      </InlineStack>
    </Filters>
  );
}
