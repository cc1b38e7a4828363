import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { EmptyCard } from "./EmptyCard";

export interface ComingSoonProps {
  title: string;
  heading: string;
  description: string;
  /** What the page will show once built, as plain bullet points. */
  willShow: string[];
}

/** An honest empty state for a page whose feature is not built yet: no placeholder numbers. */
export function ComingSoon({ title, heading, description, willShow }: ComingSoonProps) {
  return (
    <Page title={title}>
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyCard heading={heading}>
              <BlockStack gap="300" inlineAlign="center">
                <Text as="p" alignment="center" tone="subdued">
                  {description}
                </Text>
                <ul style={{ textAlign: "left", margin: "0 auto", display: "inline-block" }}>
                  {willShow.map((line) => (
                    <li key={line}>
                      <Text as="span">{line}</Text>
                    </li>
                  ))}
                </ul>
              </BlockStack>
            </EmptyCard>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
