/**
 * Tovholder's block on the product page (`admin.product-details.block.render`): this product's
 * open findings from the app's last audit, and a Re-check that audits the product again now.
 *
 * Shopify calls the default export and renders what Preact puts in `document.body` with
 * Polaris web components. `shopify.data.selected[0].id` is the product's GID. The calls to the
 * app (api.ts) are authenticated by Shopify, which adds the ID token to every `fetch` to the app.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useReducer } from "preact/hooks";
import { loadFindings, recheckProduct, type Fetch } from "./api";
import { BlockView, type BlockI18n } from "./BlockView";
import { INITIAL_STATE, canRecheck, reduce } from "./state";

export default async () => {
  render(
    <ProductQaBlock
      // Never empty on a product page; if it were, the app answers 400 and the block says so.
      productId={shopify.data.selected[0]?.id ?? ""}
      i18n={shopify.i18n}
      fetchFn={fetch}
    />,
    document.body,
  );
};

interface ProductQaBlockProps {
  productId: string;
  i18n: BlockI18n;
  fetchFn: Fetch;
}

function ProductQaBlock({ productId, i18n, fetchFn }: ProductQaBlockProps) {
  const [state, dispatch] = useReducer(reduce, INITIAL_STATE);

  const load = useCallback(async () => {
    dispatch({ type: "load-started" });
    dispatch({ type: "load-finished", result: await loadFindings(productId, fetchFn) });
  }, [productId, fetchFn]);

  useEffect(() => {
    void load();
  }, [load]);

  const recheck = async () => {
    // The button shows `loading` while a re-check runs; this also stops a second click's POST.
    if (!canRecheck(state)) return;
    dispatch({ type: "recheck-started" });
    dispatch({ type: "recheck-finished", result: await recheckProduct(productId, fetchFn) });
  };

  return (
    <BlockView
      state={state}
      i18n={i18n}
      onRetry={() => void load()}
      onRecheck={() => void recheck()}
    />
  );
}
