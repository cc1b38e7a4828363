import { ComingSoon } from "~/components/ComingSoon";

export default function ReportsPage() {
  return (
    <ComingSoon
      title="Reports"
      heading="No monthly reports yet"
      description="Each month Tovholder will draft a report for this shop: what changed, what was fixed, what is new, the KPIs and your commentary."
      willShow={[
        "Read in admin, as a PDF, or through a share link",
        "Sent by email to the recipients you choose",
      ]}
    />
  );
}
