/** A report as one self-contained HTML document (the CLI's --html file). */
import { renderToStaticMarkup } from "react-dom/server";
import { ReportView, type ReportViewProps } from "~/report/ui/ReportView";
import { reportStrings } from "~/report/domain/i18n";

export function renderReportHtml(props: ReportViewProps): string {
  const t = reportStrings(props.language);
  const body = renderToStaticMarkup(<ReportView {...props} />);
  const title = renderToStaticMarkup(
    <title>{`${t.title} ${props.data.month} · ${props.data.shop.name ?? props.data.shop.domain}`}</title>,
  );
  return `<!doctype html>
<html lang="${props.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex, nofollow">
${title}
</head>
<body style="margin:0;padding:24px 16px;background:#fff">
${body}
</body>
</html>
`;
}
