import { describe, expect, it } from "vitest";
import { Prisma } from "@tovholder/prisma-sqlite";
import { modelsWithShopColumn } from "~/db/shop-data.server";

describe("shop data convention", () => {
  it("every model carries a shop column, so shop/redact reaches all of it", () => {
    const all = Prisma.dmmf.datamodel.models.map((m) => m.name).sort();
    expect(modelsWithShopColumn().sort()).toEqual(all);
  });
});
