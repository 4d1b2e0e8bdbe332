import http from 'http';
import { AddressInfo } from 'net';

/**
 * A stand-in for JupiterOne's synchronization API, as `j1-integration run`
 * (the JupiterOne SDK's synchronization client) calls it: start a job, upload entities and
 * relationships in batches, finalize. Loopback only.
 */
export interface ReceivedCall {
  method: string;
  path: string;
  authorization?: string;
  account?: string;
}

export interface JupiterOneStub {
  url: string;
  calls: ReceivedCall[];
  entities: Array<Record<string, unknown>>;
  relationships: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
  jobs: Array<{ id: string; body: unknown; finalized?: unknown; aborted?: unknown }>;
  close(): Promise<void>;
}

export async function startJupiterOneStub(): Promise<JupiterOneStub> {
  const stub: Omit<JupiterOneStub, 'url' | 'close'> = {
    calls: [],
    entities: [],
    relationships: [],
    events: [],
    jobs: [],
  };

  const jobView = (id: string) => ({
    id,
    integrationJobId: `integration-job-${id}`,
    status: 'AWAITING_UPLOADS',
    startTimestamp: 0,
    numEntitiesUploaded: stub.entities.length,
    numRelationshipsUploaded: stub.relationships.length,
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      stub.calls.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        account: req.headers['lifeomic-account'] as string | undefined,
      });
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const match = /^\/persister\/synchronization\/jobs(?:\/([^/]+)(?:\/(\w+))?)?$/.exec(path);
      if (!match) return reply(404, { error: `no route ${req.method} ${path}` });
      const [, jobId, action] = match;
      if (!jobId && req.method === 'POST') {
        const id = `job-${stub.jobs.length + 1}`;
        stub.jobs.push({ id, body });
        return reply(200, { job: jobView(id) });
      }
      const job = stub.jobs.find((j) => j.id === jobId);
      if (!job) return reply(404, { error: `unknown job ${jobId}` });
      switch (action) {
        case 'entities':
          stub.entities.push(...(body.entities ?? []));
          return reply(200, { job: jobView(job.id) });
        case 'relationships':
          stub.relationships.push(...(body.relationships ?? []));
          return reply(200, { job: jobView(job.id) });
        case 'events':
          stub.events.push(...(body.events ?? []));
          return reply(200, { events: body.events ?? [] });
        case 'finalize':
          job.finalized = body;
          return reply(200, { job: { ...jobView(job.id), status: 'FINALIZE_PENDING' } });
        case 'abort':
          job.aborted = body;
          return reply(200, { job: { ...jobView(job.id), status: 'ABORTED' } });
        case undefined:
          return reply(200, { job: jobView(job.id) });
        default:
          return reply(404, { error: `unknown action ${action}` });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...stub,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
