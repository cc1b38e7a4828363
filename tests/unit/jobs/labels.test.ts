/** Every job the app defines has a label in English and Danish, from the one list (jobs/labels). */
import { expect, it } from "vitest";
import { JOBS } from "~/jobs/definitions";
import { JOB_LABELS, jobLabel } from "~/jobs/labels";
import { jobName } from "~/ui/run-format";

it.each(JOBS.ids())("job %s has a label in English and Danish", (id) => {
  expect(JOB_LABELS[id]?.en?.trim()).toBeTruthy();
  expect(JOB_LABELS[id]?.da?.trim()).toBeTruthy();
  expect(jobLabel(id, "da")).not.toBe(id);
});

it("labels only jobs that exist, and the run history reads its names from them", () => {
  expect(Object.keys(JOB_LABELS).sort()).toEqual(JOBS.ids().sort());
  expect(jobName("report.monthly")).toBe("Monthly report");
  expect(jobName("no.such-job")).toBe("no.such-job");
});
