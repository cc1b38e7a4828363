import { afterAll } from "vitest";
import { startSmtpCapture } from "./receivers";

// Set before any app module reads the environment (they are imported below).
const smtp = await startSmtpCapture();
process.env.SMTP_URL = smtp.url;
process.env.JOBS_PROVIDER = "inprocess";
afterAll(() => smtp.close());

const { crashSuite } = await import("./crash.suite");
crashSuite("in-process provider, SQLite file shared by the processes", smtp);
