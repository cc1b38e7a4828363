/**
 * Per test file: the app's environment as the Shopify test helpers expect it, and a fresh copy
 * of the migrated SQLite template as the default database. A test file that targets
 * PostgreSQL overrides DATABASE_URL in `vi.hoisted` (see tests/helpers/app.ts).
 */
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { copySqliteTemplate } from "../helpers/databases";
import { TEST_ENCRYPTION_KEY } from "../helpers/encryption-key";

process.env.NODE_ENV = "test";
process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
delete process.env.TOVHOLDER_DEMO;
// Outside demo mode the app needs its own key (docs/decisions/017-secrets-and-production-safety.md);
// child processes a test starts inherit it.
process.env.ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
delete process.env.ENCRYPTION_KEY_PREVIOUS;
const template = process.env.TOVHOLDER_TEST_SQLITE_TEMPLATE;
if (template) process.env.DATABASE_URL = copySqliteTemplate(template);
