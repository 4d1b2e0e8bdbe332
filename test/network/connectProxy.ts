/**
 * A real HTTP CONNECT proxy on 127.0.0.1 for the network tests: optional Basic
 * auth, optional TLS (an https:// proxy), and a record of every CONNECT it
 * saw. It only tunnels to 127.0.0.1, so a test can never reach the internet.
 */
import http from 'http';
import https from 'https';
import net from 'net';
import { AddressInfo } from 'net';

export interface ConnectProxyOptions {
  credentials?: { user: string; password: string };
  /** Serve the proxy itself over TLS (an https:// proxy URL). */
  tls?: { cert: string; key: string };
  /** Answer a CONNECT with this status instead of tunnelling (e.g. 403, 502). */
  refuseWith?: number;
  /** Accept CONNECT requests but never answer them. */
  silent?: boolean;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT` (or https://), without credentials. */
  url: string;
  port: number;
  /** The proxy URL with a user name and password, percent-encoded. */
  urlWith(user: string, password: string): string;
  /** Every CONNECT target, in arrival order. */
  readonly targets: string[];
  /** The Proxy-Authorization header of each CONNECT (undefined when absent). */
  readonly authorizations: Array<string | undefined>;
  /** Tunnels opened (200 answered). */
  tunnels: number;
  /** Bytes the client sent into tunnels: TLS records only, if TLS is end to end. */
  readonly tunnelledBytes: Buffer[];
  /** Client connections to the proxy that have closed. */
  closedConnections: number;
  close(): Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const sockets = new Set<net.Socket>();
  const server = options.tls ? https.createServer(options.tls) : http.createServer();
  const scheme = options.tls ? 'https' : 'http';
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
    : undefined;

  const proxy: ConnectProxy = {
    url: '',
    port: 0,
    urlWith: (user, password) =>
      `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`,
    targets: [],
    authorizations: [],
    tunnels: 0,
    tunnelledBytes: [],
    closedConnections: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    track(socket);
    socket.on('close', () => proxy.closedConnections++);
  });
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('CONNECT only');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    proxy.targets.push(target);
    proxy.authorizations.push(req.headers['proxy-authorization']);
    client.on('error', () => client.destroy());
    if (options.silent) {
      // Read (and drop) so that the client hanging up is noticed.
      client.on('end', () => client.destroy());
      client.resume();
      return;
    }
    const answer = (status: string, extra = '') =>
      client.end(`HTTP/1.1 ${status}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      answer('407 Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test proxy"\r\n');
      return;
    }
    if (options.refuseWith) {
      answer(`${options.refuseWith} ${http.STATUS_CODES[options.refuseWith] ?? 'Refused'}`);
      return;
    }
    const match = /^127\.0\.0\.1:(\d+)$/.exec(target);
    if (!match) {
      answer('403 Forbidden');
      return;
    }
    let established = false;
    const upstream = net.connect(Number(match[1]), '127.0.0.1', () => {
      established = true;
      proxy.tunnels++;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.on('data', (chunk: Buffer) => proxy.tunnelledBytes.push(chunk));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    track(upstream);
    upstream.on('error', () => (established ? client.destroy() : answer('502 Bad Gateway')));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.url = `${scheme}://127.0.0.1:${proxy.port}`;
  return proxy;
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
