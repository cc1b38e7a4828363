/** The manager's commentary and priorities, as they wrote them. */
import type { ViewContext } from "./context";
import type { ReportSection } from "./types";

export function commentarySection(c: ViewContext): ReportSection {
  const text = c.data.commentary.trim() === "" ? c.t.noCommentary : c.data.commentary;
  return {
    id: "commentary",
    title: c.t.commentary,
    blocks: [{ kind: "paragraph", text, testId: "commentary", preWrap: true }],
  };
}

export function prioritiesSection(c: ViewContext): ReportSection {
  const text = c.data.priorities.trim() === "" ? c.t.noPriorities : c.data.priorities;
  return {
    id: "priorities",
    title: c.t.priorities,
    blocks: [{ kind: "paragraph", text, testId: "priorities", preWrap: true }],
  };
}
