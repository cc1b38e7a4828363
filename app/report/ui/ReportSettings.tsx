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

export function ReportSettings({ report }: { report: ReportSettingsView }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [primaryColor, setPrimary] = useState(report.primaryColor);
  const [accentColor, setAccent] = useState(report.accentColor);
  const [preparedBy, setPreparedBy] = useState(report.preparedBy);
  const [recipients, setRecipients] = useState(report.recipients);
  const [autoIssue, setAutoIssue] = useState(report.autoIssue);
  const [logo, setLogo] = useState("");
  const [removeLogo, setRemoveLogo] = useState(false);
  const [logoError, setLogoError] = useState<string | null>(null);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result?.form === "report" ? result.errors : {};
  const shownLogo = removeLogo ? null : logo || report.logo;

  const pickLogo = (event: ChangeEvent<HTMLInputElement>) => {
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

  const save = () =>
    fetcher.submit(
      {
        intent: "report",
        primaryColor,
        accentColor,
        preparedBy,
        recipients,
        autoIssue: autoIssue ? "on" : "",
        logo,
        removeLogo: removeLogo ? "on" : "",
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
          <BlockStack gap="200">
            <Text as="p" variant="bodyMd">
              Logo (PNG or JPEG, at most 200 KB)
            </Text>
            <InlineStack gap="300" blockAlign="center">
              {shownLogo ? (
                <Thumbnail source={shownLogo} alt="Report logo" size="large" />
              ) : (
                <Text as="span" tone="subdued">
                  No logo
                </Text>
              )}
              <input
                type="file"
                accept="image/png,image/jpeg"
                aria-label="Upload logo"
                onChange={pickLogo}
              />
              {shownLogo ? (
                <Button
                  variant="plain"
                  tone="critical"
                  onClick={() => {
                    setLogo("");
                    setRemoveLogo(true);
                  }}
                >
                  Remove logo
                </Button>
              ) : null}
            </InlineStack>
            {logoError || errors.logo ? (
              <Text as="p" tone="critical">
                {logoError ?? errors.logo}
              </Text>
            ) : null}
          </BlockStack>
          <FormLayout.Group>
            <TextField
              label="Primary colour"
              helpText="Cover band and headings, as #rrggbb."
              value={primaryColor}
              onChange={setPrimary}
              autoComplete="off"
              prefix={<Swatch colour={primaryColor} />}
              error={errors.primaryColor}
            />
            <TextField
              label="Accent colour"
              helpText="Rules under headings and chart bars."
              value={accentColor}
              onChange={setAccent}
              autoComplete="off"
              prefix={<Swatch colour={accentColor} />}
              error={errors.accentColor}
            />
          </FormLayout.Group>
          <TextField
            label="Prepared by"
            helpText="Your name or agency, printed on the report and as the email's sender."
            value={preparedBy}
            onChange={setPreparedBy}
            autoComplete="organization"
            maxLength={80}
            error={errors.preparedBy}
          />
          <TextField
            label="Report recipients"
            helpText={
              report.mailConfigured
                ? "Comma-separated email addresses that receive an issued report with its PDF."
                : "Comma-separated email addresses. Email is not configured on this server (SMTP_URL), so nothing is sent yet."
            }
            value={recipients}
            onChange={setRecipients}
            autoComplete="off"
            error={errors.recipients}
          />
          <Checkbox
            label="Issue the monthly report automatically"
            helpText="On the 1st the month before is drafted; with this on it is issued at once and emailed to the recipients, without your commentary."
            checked={autoIssue}
            onChange={setAutoIssue}
          />
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
