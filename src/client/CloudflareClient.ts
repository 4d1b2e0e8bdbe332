import { CloudflareTransport } from './CloudflareTransport';
import { EndpointName, EndpointParams, Endpoints, EndpointSpec, resolveEndpoint } from './endpoints';
import { ListingResult, PageRequest, paginate } from './Pager';
import { TimeWindowOptions, TimeWindowRequest, walkTimeWindow } from './TimeWindowWalker';
import { ClientLogger, CloudflareTokenVerification } from './types';

export type PageIteratee<T> = (items: T[]) => Promise<void> | void;

/**
 * Read-only access to the Cloudflare v4 endpoints described in endpoints.ts.
 * It can only GET, and knows nothing of the graph: a listing reports how it
 * ended (ListingResult), and the caller decides what that means. List
 * methods hand each page to `onPage` as it arrives; nothing buffers a whole
 * collection.
 *
 * One transport serves the run; a client is a cheap view of it bound to the
 * logger of the step that uses it, so every log line names the right step.
 */
export class CloudflareClient {
  constructor(
    private readonly transport: CloudflareTransport,
    private readonly logger: ClientLogger,
  ) {}

  /**
   * Token checks run before anything else: one retry only, so a wrong
   * API_BASE_URL or an unreachable network fails in about a second instead
   * of after the full backoff. A rejected token is never retried.
   */
  verifyUserToken(): Promise<CloudflareTokenVerification> {
    return this.get('verifyUserToken', {}, { retries: 1 });
  }

  verifyAccountToken(accountId: string): Promise<CloudflareTokenVerification> {
    return this.get('verifyAccountToken', { accountId }, { retries: 1 });
  }

  /** One object (an endpoint of style `object`). */
  async get<T>(name: EndpointName, params: EndpointParams = {}, options: { retries?: number } = {}): Promise<T> {
    const spec: EndpointSpec = Endpoints[name];
    const { path, query, hint } = resolveEndpoint(name, params);
    const body = await this.transport.get<T>(
      { path, query, permission: spec.permission, hint, retries: options.retries, endpointName: name },
      this.logger,
    );
    return body.result as T;
  }

  /**
   * Every item of a list endpoint, page by page, whatever its pagination
   * style. `extraQuery` adds per-call parameters (a log's `since`), or
   * leaves one of the endpoint's own out (undefined).
   */
  list<T>(
    name: EndpointName,
    params: EndpointParams,
    onPage: PageIteratee<T>,
    extraQuery: Record<string, string | undefined> = {},
  ): Promise<ListingResult> {
    const spec: EndpointSpec = Endpoints[name];
    if (spec.style === 'object' || spec.style === 'time-window') {
      throw new Error(`Endpoint ${name} is not a paged list`);
    }
    const { path, query, hint } = resolveEndpoint(name, params);
    return paginate<T>({
      style: spec.style,
      pageSize: spec.pageSize,
      endpoint: `GET ${path}`,
      onPage,
      fetchPage: (page: PageRequest) =>
        this.transport.get<T[]>(
          {
            path,
            query: { ...query, ...extraQuery, page: page.page, per_page: page.perPage, cursor: page.cursor },
            permission: spec.permission,
            hint,
            endpointName: name,
          },
          this.logger,
        ),
    });
  }

  /** A log without a page parameter, newest first over [since, until] (endpoint style `time-window`). */
  walkByTime<T>(
    name: EndpointName,
    params: EndpointParams,
    options: Pick<TimeWindowOptions<T>, 'since' | 'until' | 'maxRequests' | 'timeOf' | 'idOf' | 'onPage'>,
  ): Promise<ListingResult> {
    const spec: EndpointSpec = Endpoints[name];
    if (spec.style !== 'time-window' || !spec.pageSize) throw new Error(`Endpoint ${name} is not a time-window log`);
    const { path, query, hint } = resolveEndpoint(name, params);
    return walkTimeWindow<T>({
      ...options,
      endpoint: `GET ${path}`,
      limit: spec.pageSize,
      fetchPage: (window: TimeWindowRequest) =>
        this.transport.get<T[]>(
          {
            path,
            query: { ...query, direction: 'desc', since: window.since, until: window.until, limit: window.limit },
            permission: spec.permission,
            hint,
            endpointName: name,
          },
          this.logger,
        ),
    });
  }
}
