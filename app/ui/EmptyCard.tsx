import type { ReactNode } from "react";
import { BlockStack, Box, Text } from "@shopify/polaris";

export interface EmptyCardProps {
  heading: string;
  children?: ReactNode;
  /** Illustration URL; null for none. */
  image?: string | null;
}

/**
 * Empty-state content for a Card. Polaris' EmptyState keeps its image skeleton up when the
 * image finishes loading before hydration (server-rendered pages), so we draw our own.
 */
export function EmptyCard({ heading, children, image = "/empty-state.svg" }: EmptyCardProps) {
  return (
    <Box padding="800">
      <BlockStack gap="300" inlineAlign="center">
        {image ? <img src={image} alt="" width={226} height={160} /> : null}
        <Text as="h2" variant="headingMd" alignment="center">
          {heading}
        </Text>
        {children ? (
          <Box maxWidth="36rem">
            {typeof children === "string" ? (
              <Text as="p" alignment="center" tone="subdued">
                {children}
              </Text>
            ) : (
              children
            )}
          </Box>
        ) : null}
      </BlockStack>
    </Box>
  );
}
