/**
 * A local HTTP stand-in for Amazon Textract that speaks its JSON protocol (POST with
 * `X-Amz-Target: Textract.<Operation>`, JSON bodies, `__type` errors), so that the real SDK client,
 * the adapter and the Lambda bundles can be run against it. The test decides every answer.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TextractCall {
  operation: string;
  body: Record<string, any>;
}

export type TextractAnswer = (call: TextractCall) => { status?: number; body: unknown };

export interface TextractStandIn {
  endpoint: string;
  calls: TextractCall[];
  /** Replaced by the test as it goes. */
  answer: TextractAnswer;
  stop(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTextractStandIn(): Promise<TextractStandIn> {
  const standIn: TextractStandIn = {
    endpoint: '',
    calls: [],
    answer: () => ({ status: 400, body: { __type: 'InvalidParameterException', message: 'no answer set' } }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const call = { operation: target.replace(/^Textract\./, ''), body: JSON.parse((await bodyOf(req)) || '{}') as Record<string, any> };
    standIn.calls.push(call);
    const out = standIn.answer(call);
    res.writeHead(out.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  standIn.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}
