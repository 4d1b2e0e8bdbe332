/**
 * TLS in front of the (plain HTTP) simulator, with the test certificate for
 * 127.0.0.1: an https:// API base URL the tests control end to end.
 */
import fs from 'fs';
import net from 'net';
import path from 'path';
import tls from 'tls';
import { AddressInfo } from 'net';

const CERT_DIR = path.join(__dirname, 'certs');

/** Test-only certificates (see certs/README.md). */
export const TEST_CERTS = {
  /** The CA that signed server.pem: what CA_BUNDLE_FILE points at. */
  caFile: path.join(CERT_DIR, 'ca.pem'),
  /** A CA that did not sign server.pem. */
  otherCaFile: path.join(CERT_DIR, 'other-ca.pem'),
  cert: fs.readFileSync(path.join(CERT_DIR, 'server.pem'), 'utf8'),
  key: fs.readFileSync(path.join(CERT_DIR, 'server.key'), 'utf8'),
};

export interface TlsFront {
  /** `https://127.0.0.1:PORT/client/v4` */
  baseUrl: string;
  port: number;
  /** TLS connections that completed the handshake. */
  connections: number;
  close(): Promise<void>;
}

/** Terminates TLS on 127.0.0.1 and forwards the bytes to 127.0.0.1:targetPort. */
export async function startTlsFront(targetPort: number): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const front: TlsFront = {
    baseUrl: '',
    port: 0,
    connections: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = tls.createServer({ cert: TEST_CERTS.cert, key: TEST_CERTS.key }, (socket) => {
    front.connections++;
    track(socket);
    const upstream = net.connect(targetPort, '127.0.0.1');
    track(upstream);
    socket.pipe(upstream).pipe(socket);
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  // A client that rejects our certificate aborts the handshake: not a test failure.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.port = (server.address() as AddressInfo).port;
  front.baseUrl = `https://127.0.0.1:${front.port}/client/v4`;
  return front;
}
