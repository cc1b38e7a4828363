/**
 * The public Shopify demo exports in ../shared/datasets (no license: used only when present,
 * never copied into the repository). TOVHOLDER_DATASETS points elsewhere; a clone outside the
 * workspace still finds the workspace's copy.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "./databases";

const candidates = [
  process.env.TOVHOLDER_DATASETS,
  resolve(ROOT, "../shared/datasets"),
  "/work/shared/datasets",
];

export const DATASETS_DIR =
  candidates.find((dir): dir is string => Boolean(dir && existsSync(dir))) ??
  resolve(ROOT, "../shared/datasets");

export function datasetPath(
  name:
    "shopify-demo-bicycles.csv" | "shopify-demo-fashion.csv" | "shopify-devstore-orders-export.csv",
): string {
  return resolve(DATASETS_DIR, name);
}
