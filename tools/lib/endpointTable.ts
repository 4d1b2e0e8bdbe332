/**
 * The endpoint table in docs/jupiterone.md, rendered from the one endpoint
 * description (src/client/endpoints.ts). `npm run docs:endpoints` rewrites it
 * between its markers; test/e2e/docs.test.ts fails when it is out of date.
 */
import fs from 'fs';
import path from 'path';
import { Endpoints, EndpointSpec } from '../../src/client/endpoints';

export const START = '<!-- ENDPOINTS_TABLE_START (npm run docs:endpoints) -->';
export const END = '<!-- ENDPOINTS_TABLE_END -->';
export const DOCS_FILE = path.resolve(__dirname, '..', '..', 'docs', 'jupiterone.md');

const STYLE: Record<EndpointSpec['style'], string> = {
  page: 'page number',
  cursor: 'cursor',
  array: 'one array, no paging',
  object: 'single object',
  'time-window': 'time window (`until` moved back)',
};

export function renderEndpointTable(): string {
  const rows = Object.values(Endpoints).map((spec: EndpointSpec) => {
    const query = Object.entries(spec.query ?? {})
      .flatMap(([key, value]) => (typeof value === 'string' ? [value] : value).map((v) => `${key}=${v}`))
      .join('&');
    const size = spec.pageSize ? String(spec.pageSize) : '';
    return `| \`GET ${spec.path}${query ? `?${query}` : ''}\` | ${STYLE[spec.style]} | ${size} | ${spec.permission} |`;
  });
  return ['| Endpoint | Pagination | Page size we ask | Token permission |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** The docs text with the table between its markers replaced. */
export function withEndpointTable(docs: string): string {
  const start = docs.indexOf(START);
  const end = docs.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOCS_FILE} lacks the ${START} / ${END} markers`);
  return `${docs.slice(0, start + START.length)}\n${renderEndpointTable()}\n${docs.slice(end)}`;
}

if (require.main === module) {
  fs.writeFileSync(DOCS_FILE, withEndpointTable(fs.readFileSync(DOCS_FILE, 'utf8')));
  console.log(`Rewrote the endpoint table in ${DOCS_FILE}`);
}
