/** The state of one bulk operation, as the Admin resolvers read it. */
export type BulkStatus =
  "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";
export type BulkErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface BulkOperationRecord {
  id: string;
  shop: string;
  query: string;
  groupObjects: boolean;
  status: BulkStatus;
  errorCode: BulkErrorCode | null;
  /** Epoch ms on the stand-in's clock. */
  createdAt: number;
  completedAt: number | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
}

export interface BulkUserError {
  field: string[] | null;
  message: string;
  code: "INVALID" | "LIMIT_REACHED" | "OPERATION_IN_PROGRESS";
}
