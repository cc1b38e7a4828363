/** Settings: the weekly audit schedule and the alert targets (each its own form and feedback). */
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";

export interface SettingsActionResult {
  form: "schedule" | "alerts" | "report";
  ok: boolean;
  message: string;
  errors: Partial<Record<string, string>>;
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAY_OPTIONS = WEEKDAYS.map((label, i) => ({ label, value: String(i + 1) }));
const HOUR_OPTIONS = Array.from({ length: 24 }, (_, h) => ({
  label: `${String(h).padStart(2, "0")}:00`,
  value: String(h),
}));

function Feedback({ result }: { result: SettingsActionResult | undefined }) {
  if (!result) return null;
  return (
    <Banner tone={result.ok ? "success" : "critical"}>
      <p>{result.message}</p>
    </Banner>
  );
}

export function ScheduleSettings({
  schedule,
}: {
  schedule: {
    weekday: number;
    hour: number;
    enabled: boolean;
    timeZone: string;
    next: string | null;
  };
}) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [weekday, setWeekday] = useState(String(schedule.weekday));
  const [hour, setHour] = useState(String(schedule.hour));
  const [enabled, setEnabled] = useState(schedule.enabled);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result?.errors ?? {};
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="schedule" />
        <BlockStack gap="400">
          <Feedback result={result} />
          <Checkbox
            label="Audit this shop every week"
            name="enabled"
            // Polaris renders value="" without it: the form would submit "" and save "off".
            value="true"
            checked={enabled}
            onChange={setEnabled}
            error={errors.enabled}
          />
          <FormLayout>
            <FormLayout.Group>
              <Select
                label="Day"
                name="weekday"
                options={WEEKDAY_OPTIONS}
                value={weekday}
                onChange={setWeekday}
                disabled={!enabled}
                error={errors.weekday}
              />
              <Select
                label="Time"
                name="hour"
                options={HOUR_OPTIONS}
                value={hour}
                onChange={setHour}
                disabled={!enabled}
                error={errors.hour}
                helpText={`Shop time zone: ${schedule.timeZone}`}
              />
            </FormLayout.Group>
          </FormLayout>
          {/* Disabled selects are not submitted; the stored values are kept while off. */}
          {!enabled ? (
            <>
              <input type="hidden" name="weekday" value={weekday} />
              <input type="hidden" name="hour" value={hour} />
            </>
          ) : null}
          <InlineStack align="space-between" blockAlign="center">
            <Text as="p" variant="bodySm" tone="subdued">
              {schedule.enabled && schedule.next
                ? `Next run: ${schedule.next}`
                : "No weekly run is scheduled."}
            </Text>
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save schedule
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

export function AlertsSettings({
  alerts,
}: {
  alerts: { emails: string; webhookConfigured: boolean; mailConfigured: boolean };
}) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [emails, setEmails] = useState(alerts.emails);
  const [webhookUrl, setWebhookUrl] = useState("");
  const [removeWebhook, setRemoveWebhook] = useState(false);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result?.errors ?? {};
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="alerts" />
        <BlockStack gap="400">
          <Feedback result={result} />
          <FormLayout>
            <TextField
              label="Email recipients"
              name="emails"
              value={emails}
              onChange={setEmails}
              autoComplete="email"
              placeholder="you@agency.com, client@shop.com"
              helpText={
                alerts.mailConfigured
                  ? "Separate addresses with commas."
                  : "Email is not set up on this Tovholder installation (SMTP_URL): recipients are kept, but nothing is sent."
              }
              error={errors.emails}
            />
            <TextField
              label="Slack-compatible webhook URL"
              name="webhookUrl"
              value={webhookUrl}
              onChange={setWebhookUrl}
              autoComplete="off"
              placeholder={
                alerts.webhookConfigured
                  ? "Configured — enter a new URL to replace it"
                  : "https://hooks.slack.com/services/…"
              }
              helpText={
                alerts.webhookConfigured
                  ? "A webhook is configured. It is stored encrypted and never shown again."
                  : "Stored encrypted; it is not shown again after saving."
              }
              error={errors.webhookUrl}
              disabled={removeWebhook}
            />
            {alerts.webhookConfigured ? (
              <Checkbox
                label="Remove the configured webhook"
                name="removeWebhook"
                value="true"
                checked={removeWebhook}
                onChange={setRemoveWebhook}
              />
            ) : null}
          </FormLayout>
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save alerts
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
