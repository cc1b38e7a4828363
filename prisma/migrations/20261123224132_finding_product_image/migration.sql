-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "productImageUrl" TEXT;

