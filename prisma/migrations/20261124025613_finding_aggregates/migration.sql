-- CreateTable
CREATE TABLE "FindingAggregate" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Finding_shop_firstSeenAt_key_idx" ON "Finding"("shop", "firstSeenAt" DESC, "key");

