/**
 * The storefront password the performance runs log in with: on the Performance page and under
 * Settings. Saving tries it on the storefront first; the answer (accepted, refused, …) shows in
 * the card. In demo mode the demo storefront's password is shown, as the manager needs it.
 */
import { Form, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";

export interface PasswordFormResult {
  form: "password";
  ok: boolean;
  message: string;
}

export function isPasswordResult(value: unknown): value is PasswordFormResult {
  return (
    typeof value === "object" && value !== null && (value as { form?: unknown }).form === "password"
  );
}

export function StorefrontPasswordCard({
  saved,
  demoHint,
  result,
  titled = true,
}: {
  saved: boolean;
  /** Its own heading (false where the page's section already names it, as under Settings). */
  titled?: boolean;
  /** Demo mode only: where the demo storefront's password is named. */
  demoHint: string | null;
  result: PasswordFormResult | null;
}) {
  const [value, setValue] = useState("");
  const navigation = useNavigation();
  const saving =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "save-password";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          {titled ? (
            <Text as="h2" variant="headingMd">
              Storefront password
            </Text>
          ) : null}
          <Badge tone={saved ? "success" : undefined}>{saved ? "Saved" : "Not saved"}</Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          Password-protected storefronts (every development store) can only be measured with the
          password from Online Store → Preferences. It is tried on the storefront before it is
          saved, stored encrypted, and only used to open the storefront for measuring.
        </Text>
        {demoHint ? <Banner tone="info">{demoHint}</Banner> : null}
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="save-password" />
          <InlineStack gap="200" blockAlign="end">
            <Box minWidth="240px">
              <TextField
                label="Storefront password"
                name="password"
                type="password"
                autoComplete="off"
                value={value}
                onChange={setValue}
              />
            </Box>
            <Button submit loading={saving}>
              Save password
            </Button>
          </InlineStack>
        </Form>
        {saved ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove-password" />
            <Button submit variant="plain" tone="critical">
              Remove saved password
            </Button>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}
