/** Local stand-ins for an SMTP server and a Slack-compatible webhook, counting what they got. */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpCapture {
  url: string;
  messages: CapturedMail[];
  close(): Promise<void>;
}

/** Accepts every message on 127.0.0.1; recipients starting with "refused" are refused. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address.startsWith("refused") ? new Error("550 no such user") : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface HttpReceiver {
  url: string;
  /** Bodies of the requests answered 2xx. */
  received: unknown[];
  /** Every request, answered or not. */
  requests: number;
  /** The next N requests are answered with this status. */
  failNext(times: number, status?: number): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  let failures = 0;
  let status = 500;
  const receiver = {
    received: [] as unknown[],
    requests: 0,
  };
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      receiver.requests++;
      if (failures > 0) {
        failures--;
        res.writeHead(status).end("no");
        return;
      }
      receiver.received.push(JSON.parse(text));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/slack`,
    failNext(times: number, code = 500) {
      failures = times;
      status = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
