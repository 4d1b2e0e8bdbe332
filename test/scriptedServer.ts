import { CloudflareTransport, TransportOptions } from '../src/client/CloudflareTransport';
import { CloudflareSettings, IntegrationConfig, parseConfig } from '../src/config';
import http from 'http';
import { AddressInfo } from 'net';
import { IntegrationLogger } from '@jupiterone/integration-sdk-core';
import { createMockIntegrationLogger } from '@jupiterone/integration-sdk-testing';

/**
 * A tiny purpose-built HTTP server on 127.0.0.1 for client tests: each test
 * says exactly how to answer (unlike the simulator, which plays Cloudflare).
 */
export interface Received {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export type Handler = (req: Received, res: http.ServerResponse, n: number, raw: http.IncomingMessage) => void;

export interface ScriptedServer {
  /** Requests of the current test, in arrival order (cleared before each test). */
  readonly received: Received[];
  /** `http://127.0.0.1:PORT/client/v4`, once the server listens. */
  baseUrl: string;
  /** How to answer; reset to an empty success before each test. */
  handler: Handler;
}

/** Starts the server for the enclosing test file or describe block (jest hooks). */
export function useScriptedServer(): ScriptedServer {
  const scripted: ScriptedServer = { received: [], baseUrl: '', handler: answerEmpty };
  let server: http.Server;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const entry: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        at: Date.now(),
      };
      scripted.received.push(entry);
      scripted.handler(entry, res, scripted.received.length, req);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    scripted.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    scripted.received.length = 0;
    scripted.handler = answerEmpty;
  });

  // Drop keep-alive sockets so a test never inherits another's connection.
  afterEach(() => server.closeAllConnections());

  return scripted;
}

function answerEmpty(_req: Received, res: http.ServerResponse): void {
  json(res, 200, envelope({}));
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function envelope(result: unknown, extra: Record<string, unknown> = {}) {
  return { success: true, errors: [], messages: [], result, ...extra };
}

export function failure(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { success: false, errors: [{ code, message, ...extra }], messages: [], result: null };
}

export interface LogCall {
  level: string;
  args: unknown[];
}

/** A mock SDK logger whose every call is captured. */
export function capturingLogger(): { logger: IntegrationLogger; calls: LogCall[] } {
  const logger = createMockIntegrationLogger();
  const calls: LogCall[] = [];
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
    jest.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
      calls.push({ level, args });
    }) as never);
  }
  return { logger, calls };
}

/**
 * A transport against the scripted server with fast retries and a 1 s
 * timeout, and a logger whose every call is captured (the client tests'
 * shared setup).
 */
export function scriptedTransport(
  token: string,
  baseUrl: string,
  config: Partial<IntegrationConfig> = {},
  options: TransportOptions = {},
  overrides: Partial<CloudflareSettings> = {},
): { transport: CloudflareTransport; logger: IntegrationLogger; calls: LogCall[] } {
  const settings = {
    ...parseConfig({
      apiToken: token,
      apiBaseUrl: baseUrl,
      requestTimeoutSeconds: '1',
      ...config,
    } as IntegrationConfig),
    ...overrides,
  };
  const transport = new CloudflareTransport(settings, { minRetryDelayMs: 1, maxRetryDelayMs: 5, ...options });
  const { logger, calls } = capturingLogger();
  return { transport, logger, calls };
}
