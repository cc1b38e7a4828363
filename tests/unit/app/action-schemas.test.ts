/**
 * The one way a route action reads its form (lib/actions.server): each page's schema, a
 * discriminated union on `intent`, answers a form the page never sends — an unknown intent, a
 * missing field — with 400 and a sentence naming what was wrong; a well-formed form parses to
 * its intent's typed fields.
 */
import { describe, expect, it } from "vitest";
import { checkoutForm } from "~/checkout/server/page-actions.server";
import { parseForm } from "~/lib/actions.server";
import { settingsForm } from "~/lib/settings-page.server";
import { performanceForm } from "~/performance/server/page-actions.server";
import { dashboardForm } from "~/product-qa/server/dashboard-actions.server";
import { productsForm } from "~/product-qa/server/products-actions.server";

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

/** What parseForm threw: the 400 response's status and body. */
async function refusal(parse: () => unknown): Promise<{ status: number; body: unknown }> {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, body: await error.json() };
  }
  throw new Error("the form was accepted");
}

const SCHEMAS = {
  dashboard: dashboardForm,
  checkout: checkoutForm,
  performance: performanceForm,
  products: productsForm,
  settings: settingsForm,
};

describe.each(Object.entries(SCHEMAS))("the %s page's form", (_page, schema) => {
  it("refuses an unknown intent with 400 and says which", async () => {
    expect(await refusal(() => parseForm(schema, form([["intent", "delete-shop"]])))).toEqual({
      status: 400,
      body: { ok: false, message: 'Unknown action "delete-shop".' },
    });
  });

  it("refuses a form without an intent", async () => {
    expect(await refusal(() => parseForm(schema, form([["runId", "x"]])))).toEqual({
      status: 400,
      body: { ok: false, message: "The form has no action." },
    });
  });
});

describe("missing and malformed fields", () => {
  it("cancel without the run's id is refused, naming the field", async () => {
    for (const schema of [dashboardForm, checkoutForm, performanceForm])
      expect(await refusal(() => parseForm(schema, form([["intent", "cancel"]])))).toEqual({
        status: 400,
        body: { ok: false, message: 'The form is missing the field "runId".' },
      });
  });

  it("a job the page does not run is refused", async () => {
    const refused = await refusal(() =>
      parseForm(
        dashboardForm,
        form([
          ["intent", "run"],
          ["job", "maintenance.compact"],
        ]),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/^The field "job"/) });
  });

  it("the weekly schedule without its weekday is refused", async () => {
    const refused = await refusal(() =>
      parseForm(
        settingsForm,
        form([
          ["intent", "schedule"],
          ["hour", "6"],
        ]),
      ),
    );
    expect(refused).toEqual({
      status: 400,
      body: { ok: false, message: 'The form is missing the field "weekday".' },
    });
  });
});

describe("well-formed forms", () => {
  it("parse to the intent's typed fields, with the page's one job as default", () => {
    expect(parseForm(dashboardForm, form([["intent", "run"]]))).toEqual({
      intent: "run",
      job: "audit.run-shop",
    });
    expect(
      parseForm(
        performanceForm,
        form([
          ["intent", "cancel"],
          ["job", "perf.lighthouse"],
          ["runId", "r1"],
        ]),
      ),
    ).toEqual({ intent: "cancel", job: "perf.lighthouse", runId: "r1" });
    expect(
      parseForm(
        productsForm,
        form([
          ["intent", "lift"],
          ["id", "a"],
          ["id", "b"],
        ]),
      ),
    ).toEqual({ intent: "lift", query: "", id: ["a", "b"] });
    expect(
      parseForm(
        productsForm,
        form([
          ["intent", "suppress"],
          ["id", "a"],
        ]),
      ),
    ).toMatchObject({
      id: ["a"],
      reason: "",
    });
  });
});
