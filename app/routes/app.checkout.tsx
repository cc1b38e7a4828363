import { ComingSoon } from "~/components/ComingSoon";

export default function CheckoutPage() {
  return (
    <ComingSoon
      title="Checkout"
      heading="Checkout checks have not run yet"
      description="This page will show whether a customer can actually buy, in every market the shop sells to."
      willShow={[
        "Purchasable products, policies, shipping coverage per market",
        "A synthetic cart per market (no order is ever placed)",
        "The checkout funnel from real customers who gave analytics consent",
      ]}
    />
  );
}
