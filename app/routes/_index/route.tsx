import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { login } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  // Inside Shopify admin (or in demo mode) go straight to the app.
  if (url.searchParams.get("shop") || env().demoMode) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  return { showForm: Boolean(login) };
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: 640,
        margin: "64px auto",
        padding: "0 16px",
      }}
    >
      <h1>Tovholder</h1>
      <p>
        Holds the threads of every client shop you run: product-data QA, checkout checks, app and
        performance audits, and a monthly report per shop.
      </p>
      {showForm ? (
        <Form method="post" action="/auth/login">
          <label>
            <span>Shop domain </span>
            <input type="text" name="shop" placeholder="example.myshopify.com" />
          </label>{" "}
          <button type="submit">Log in</button>
        </Form>
      ) : null}
    </main>
  );
}
