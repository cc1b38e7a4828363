import { BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";

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
            <EmptyState heading={heading} image="/empty-state.svg">
              <BlockStack gap="300">
                <Text as="p">{description}</Text>
                <ul style={{ textAlign: "left", margin: 0 }}>
                  {willShow.map((line) => (
                    <li key={line}>
                      <Text as="span">{line}</Text>
                    </li>
                  ))}
                </ul>
              </BlockStack>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
