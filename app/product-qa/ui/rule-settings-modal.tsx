import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Checkbox,
  FormLayout,
  InlineGrid,
  Modal,
  Text,
  TextField,
} from "@shopify/polaris";
import type { AuditSettings, SettingsError } from "~/product-qa/domain/settings";

export const THRESHOLD_FIELDS = [
  {
    name: "minImages",
    label: "Fewest images",
    help: "product.few-images: fewer images than this (2–20)",
  },
  {
    name: "minDescriptionWords",
    label: "Fewest description words",
    help: "product.short-description: fewer words than this (1–1000)",
  },
  {
    name: "maxSeoTitleLength",
    label: "Longest SEO title",
    help: "seo.title-length: more characters than this (10–255)",
  },
  {
    name: "maxSeoDescriptionLength",
    label: "Longest SEO description",
    help: "seo.description-length: more characters than this (20–320)",
  },
] as const;

export interface SettingsResult {
  intent: "settings";
  ok: boolean;
  errors: SettingsError[];
}

/**
 * The shop's thresholds and rules switched off, validated on the server (parseAuditSettings)
 * with a message per field. The next audit uses them.
 */
export function RuleSettingsModal({
  settings,
  storedErrors,
  rules,
  onClose,
}: {
  settings: AuditSettings;
  storedErrors: SettingsError[];
  rules: { id: string; title: string }[];
  onClose: () => void;
}) {
  const fetcher = useFetcher<SettingsResult>();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.name, String(settings.productQa[f.name])])),
  );
  const [disabled, setDisabled] = useState<Set<string>>(() => new Set(settings.disabledRules));
  const result = fetcher.data;
  const errorFor = (path: string) =>
    result?.errors.find((e) => e.path === path || e.path.startsWith(`${path}[`))?.message;
  const saved = result?.ok === true && fetcher.state === "idle";
  const submit = () => {
    const form = new FormData();
    form.set("intent", "settings");
    for (const f of THRESHOLD_FIELDS) form.set(`productQa.${f.name}`, values[f.name] ?? "");
    for (const id of disabled) form.append("disabledRules", id);
    fetcher.submit(form, { method: "post" });
  };
  return (
    <Modal
      open
      onClose={onClose}
      title="Rule settings"
      size="large"
      primaryAction={{ content: "Save", onAction: submit, loading: fetcher.state !== "idle" }}
      secondaryActions={[{ content: saved ? "Close" : "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="400">
          <SettingsBanners storedErrors={storedErrors} saved={saved} result={result} />
          <FormLayout>
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              {THRESHOLD_FIELDS.map((f) => (
                <TextField
                  key={f.name}
                  label={f.label}
                  type="number"
                  autoComplete="off"
                  value={values[f.name] ?? ""}
                  onChange={(value) => setValues((v) => ({ ...v, [f.name]: value }))}
                  helpText={f.help}
                  error={errorFor(`productQa.${f.name}`)}
                />
              ))}
            </InlineGrid>
          </FormLayout>
          <RulesThatRun
            rules={rules}
            disabled={disabled}
            error={errorFor("disabledRules")}
            onChange={setDisabled}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

function SettingsBanners({
  storedErrors,
  saved,
  result,
}: {
  storedErrors: SettingsError[];
  saved: boolean;
  result: SettingsResult | undefined;
}) {
  return (
    <>
      {storedErrors.length > 0 ? (
        <Banner tone="warning" title="The stored settings are not valid">
          <p>
            {storedErrors.map((e) => `${e.path}: ${e.message}`).join("; ")}. The defaults are shown;
            save to replace them.
          </p>
        </Banner>
      ) : null}
      {saved ? (
        <Banner tone="success" title="Saved">
          <p>The next audit uses these settings.</p>
        </Banner>
      ) : null}
      {result && !result.ok && result.errors.some((e) => e.path === "") ? (
        <Banner tone="critical" title="Not saved">
          <p>{result.errors.map((e) => e.message).join("; ")}</p>
        </Banner>
      ) : null}
    </>
  );
}

function RulesThatRun({
  rules,
  disabled,
  error,
  onChange,
}: {
  rules: { id: string; title: string }[];
  disabled: Set<string>;
  error: string | undefined;
  onChange: (update: (d: Set<string>) => Set<string>) => void;
}) {
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Rules that run
      </Text>
      <Text as="p" tone="subdued">
        A rule switched off does not run: its findings leave the list at the next audit and it is
        listed as skipped.
      </Text>
      {error ? (
        <Text as="p" tone="critical">
          {error}
        </Text>
      ) : null}
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="100">
        {rules.map((r) => (
          <Checkbox
            key={r.id}
            label={r.title}
            helpText={r.id}
            checked={!disabled.has(r.id)}
            onChange={(on) =>
              onChange((d) => {
                const next = new Set(d);
                if (on) next.delete(r.id);
                else next.add(r.id);
                return next;
              })
            }
          />
        ))}
      </InlineGrid>
    </BlockStack>
  );
}
