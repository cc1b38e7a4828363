import { webhookSuite } from "./webhooks.suite";

webhookSuite("SQLite");
