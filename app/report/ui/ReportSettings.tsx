/**
 * Settings → Report: the white-label branding of the monthly report (logo, colours, "prepared
 * by"), who receives an issued report by email, and auto-issue. The logo is read in the browser
 * and sent as a data URL; the server checks its type (by content) and size again.
 */
import { useState, type ChangeEvent } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Text,
  TextField,
  Thumbnail,
} from "@shopify/polaris";
import type { SettingsActionResult } from "~/ui/SettingsForms";

export interface ReportSettingsView {
  logo: string | null;
  primaryColor: string;
  accentColor: string;
  preparedBy: string;
  recipients: string;
  autoIssue: boolean;
  mailConfigured: boolean;
}

const LOGO_MAX = 200 * 1024;

function Swatch({ colour }: { colour: string }) {
  const valid = /^#[0-9a-f]{6}$/i.test(colour);
  return (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        width: 20,
        height: 20,
        borderRadius: 4,
        border: "1px solid #c9c9c9",
        background: valid ? colour : "transparent",
      }}
    />
  );
}

/** The logo being chosen: a new data URL, or removal of the stored one; checked before upload. */
function useLogo(stored: string | null) {
  const [logo, setLogo] = useState("");
  const [removeLogo, setRemoveLogo] = useState(false);
  const [logoError, setLogoError] = useState<string | null>(null);
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setLogoError(null);
    if (!file) return;
    if (!["image/png", "image/jpeg"].includes(file.type))
      return setLogoError("Choose a PNG or JPEG image.");
    if (file.size > LOGO_MAX) return setLogoError("The logo is larger than 200 KB.");
    const reader = new FileReader();
    reader.onload = () => {
      setLogo(String(reader.result));
      setRemoveLogo(false);
    };
    reader.readAsDataURL(file);
  };
  const remove = () => {
    setLogo("");
    setRemoveLogo(true);
  };
  return { logo, removeLogo, logoError, shown: removeLogo ? null : logo || stored, pick, remove };
}

function LogoField({
  state,
  serverError,
}: {
  state: ReturnType<typeof useLogo>;
  serverError: string | undefined;
}) {
  const error = state.logoError ?? serverError;
  return (
    <BlockStack gap="200">
      <Text as="p" variant="bodyMd">
        Logo (PNG or JPEG, at most 200 KB)
      </Text>
      <InlineStack gap="300" blockAlign="center">
        {state.shown ? (
          <Thumbnail source={state.shown} alt="Report logo" size="large" />
        ) : (
          <Text as="span" tone="subdued">
            No logo
          </Text>
        )}
        <input
          type="file"
          accept="image/png,image/jpeg"
          aria-label="Upload logo"
          onChange={state.pick}
        />
        {state.shown ? (
          <Button variant="plain" tone="critical" onClick={state.remove}>
            Remove logo
          </Button>
        ) : null}
      </InlineStack>
      {error ? (
        <Text as="p" tone="critical">
          {error}
        </Text>
      ) : null}
    </BlockStack>
  );
}

type Errors = Partial<Record<string, string>>;
type Field = [value: string, set: (value: string) => void];

function ColourFields({
  primary,
  accent,
  errors,
}: {
  primary: Field;
  accent: Field;
  errors: Errors;
}) {
  return (
    <FormLayout.Group>
      <TextField
        label="Primary colour"
        helpText="Cover band and headings, as #rrggbb."
        value={primary[0]}
        onChange={primary[1]}
        autoComplete="off"
        prefix={<Swatch colour={primary[0]} />}
        error={errors.primaryColor}
      />
      <TextField
        label="Accent colour"
        helpText="Rules under headings and chart bars."
        value={accent[0]}
        onChange={accent[1]}
        autoComplete="off"
        prefix={<Swatch colour={accent[0]} />}
        error={errors.accentColor}
      />
    </FormLayout.Group>
  );
}

/** Separate children (an array, not a fragment): FormLayout spaces each child as one item. */
function deliveryFields({
  preparedBy,
  recipients,
  autoIssue,
  mailConfigured,
  errors,
}: {
  preparedBy: Field;
  recipients: Field;
  autoIssue: [boolean, (value: boolean) => void];
  mailConfigured: boolean;
  errors: Errors;
}) {
  return [
    <TextField
      key="preparedBy"
      label="Prepared by"
      helpText="Your name or agency, printed on the report and as the email's sender."
      value={preparedBy[0]}
      onChange={preparedBy[1]}
      autoComplete="organization"
      maxLength={80}
      error={errors.preparedBy}
    />,
    <TextField
      key="recipients"
      label="Report recipients"
      helpText={
        mailConfigured
          ? "Comma-separated email addresses that receive an issued report with its PDF."
          : "Comma-separated email addresses. Email is not configured on this server (SMTP_URL), so nothing is sent yet."
      }
      value={recipients[0]}
      onChange={recipients[1]}
      autoComplete="off"
      error={errors.recipients}
    />,
    <Checkbox
      key="autoIssue"
      label="Issue the monthly report automatically"
      helpText="On the 1st the month before is drafted; with this on it is issued at once and emailed to the recipients, without your commentary."
      checked={autoIssue[0]}
      onChange={autoIssue[1]}
    />,
  ];
}

export function ReportSettings({ report }: { report: ReportSettingsView }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const primary = useState(report.primaryColor);
  const accent = useState(report.accentColor);
  const preparedBy = useState(report.preparedBy);
  const recipients = useState(report.recipients);
  const autoIssue = useState(report.autoIssue);
  const logo = useLogo(report.logo);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors: Errors = result?.form === "report" ? result.errors : {};

  const save = () =>
    fetcher.submit(
      {
        intent: "report",
        primaryColor: primary[0],
        accentColor: accent[0],
        preparedBy: preparedBy[0],
        recipients: recipients[0],
        autoIssue: autoIssue[0] ? "on" : "",
        logo: logo.logo,
        removeLogo: logo.removeLogo ? "on" : "",
      },
      { method: "post" },
    );

  return (
    <Card>
      <BlockStack gap="400">
        {result?.form === "report" ? (
          <Banner tone={result.ok ? "success" : "critical"}>
            <p>{result.message}</p>
          </Banner>
        ) : null}
        <FormLayout>
          <LogoField state={logo} serverError={errors.logo} />
          <ColourFields primary={primary} accent={accent} errors={errors} />
          {deliveryFields({
            preparedBy,
            recipients,
            autoIssue,
            mailConfigured: report.mailConfigured,
            errors,
          })}
        </FormLayout>
        <InlineStack align="end">
          <Button variant="primary" onClick={save} loading={fetcher.state !== "idle"}>
            Save report settings
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
