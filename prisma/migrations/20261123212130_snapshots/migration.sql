-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "strategy" TEXT,
    "csvFormat" TEXT,
    "collectedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "products" INTEGER NOT NULL,
    "variants" INTEGER NOT NULL,
    "media" INTEGER NOT NULL,
    "collections" INTEGER,
    "locations" INTEGER,
    "inventoryLevels" INTEGER,
    "markets" INTEGER,
    "deliveryProfiles" INTEGER,
    "policies" INTEGER,
    "discounts" INTEGER,
    "themeFiles" INTEGER,
    "orderMonths" INTEGER,
    "rawBytes" INTEGER NOT NULL,
    "compressedBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BLOB NOT NULL
);

-- CreateIndex
CREATE INDEX "Snapshot_shop_createdAt_idx" ON "Snapshot"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Snapshot_createdAt_idx" ON "Snapshot"("createdAt");

