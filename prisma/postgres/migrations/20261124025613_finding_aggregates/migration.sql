-- CreateTable
CREATE TABLE "FindingAggregate" (
    "shop" TEXT NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FindingAggregate_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "Finding_shop_firstSeenAt_key_idx" ON "Finding"("shop", "firstSeenAt" DESC, "key");

