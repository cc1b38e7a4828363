/**
 * What the block shows, as a pure reducer: loading → the list (or an error with a retry) →
 * re-check running → the updated list (or the old list with the re-check's error).
 *
 * A failed re-check keeps the list it had: the findings shown are still the last known ones,
 * and the merchant can try again.
 */
import type { ApiResult, FailureKind } from "./api";
import type { ProductFindingsPayload } from "./contract";

export type RecheckState =
  { status: "idle" } | { status: "running" } | { status: "failed"; failure: FailureKind };

export type BlockState =
  | { phase: "loading" }
  | { phase: "failed"; failure: FailureKind }
  | { phase: "ready"; data: ProductFindingsPayload; recheck: RecheckState };

export type BlockEvent =
  | { type: "load-started" }
  | { type: "load-finished"; result: ApiResult }
  | { type: "recheck-started" }
  | { type: "recheck-finished"; result: ApiResult };

export const INITIAL_STATE: BlockState = { phase: "loading" };

export function reduce(state: BlockState, event: BlockEvent): BlockState {
  switch (event.type) {
    case "load-started":
      return { phase: "loading" };
    case "load-finished":
      return event.result.ok
        ? { phase: "ready", data: event.result.data, recheck: { status: "idle" } }
        : { phase: "failed", failure: event.result.failure };
    case "recheck-started":
      return canRecheck(state) ? { ...state, recheck: { status: "running" } } : state;
    case "recheck-finished":
      if (state.phase !== "ready") return state;
      return event.result.ok
        ? { phase: "ready", data: event.result.data, recheck: { status: "idle" } }
        : { ...state, recheck: { status: "failed", failure: event.result.failure } };
  }
}

/** A re-check needs a loaded product and none already running (one click, one audit). */
export function canRecheck(state: BlockState): state is Extract<BlockState, { phase: "ready" }> {
  return state.phase === "ready" && state.recheck.status !== "running";
}
