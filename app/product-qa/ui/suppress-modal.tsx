import { useState } from "react";
import { BlockStack, Modal, Text, TextField } from "@shopify/polaris";
import { count } from "~/format";

/** Asks why the selected findings are accepted; a suppression without a reason is refused. */
export function SuppressModal({
  open,
  findings,
  submitting,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  /** How many findings are selected (a number, or "all N"). */
  findings: number;
  submitting: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const empty = reason.trim() === "";
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={`Suppress ${count(findings)} ${findings === 1 ? "finding" : "findings"}`}
      primaryAction={{
        content: "Suppress",
        disabled: empty,
        loading: submitting,
        onAction: () => onSubmit(reason),
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">
            Suppressed findings stay listed (filter “Suppressed”) but no longer count as open
            problems or in the health score, in this and every later audit, until the suppression is
            lifted. Your name and the reason are kept with it.
          </Text>
          <TextField
            label="Reason"
            value={reason}
            onChange={setReason}
            autoComplete="off"
            multiline={2}
            maxLength={500}
            placeholder="e.g. Sold in store only; the barcode comes from the supplier next month"
            error={error ?? undefined}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
