import { RecordingEntry } from '@jupiterone/integration-sdk-testing';
import { findTokenLike, REDACTED, scrubRecordingEntry } from './recording';
import { SIM_TOKENS } from '../simulator';

function entry(
  overrides: { url?: string; requestHeaders?: Array<{ name: string; value: string }>; body?: string } = {},
): RecordingEntry {
  return {
    request: {
      url: overrides.url ?? 'http://127.0.0.1:40123/client/v4/accounts?page=1&per_page=50',
      headers: overrides.requestHeaders ?? [
        { name: 'authorization', value: `Bearer ${SIM_TOKENS.user}` },
        { name: 'host', value: '127.0.0.1:40123' },
        { name: 'accept', value: 'application/json' },
      ],
      cookies: [],
    },
    response: {
      headers: [
        { name: 'set-cookie', value: 'session=abc' },
        { name: 'content-type', value: 'application/json' },
      ],
      cookies: [{ name: 'session', value: 'abc' }],
      content: { text: overrides.body ?? '{"success":true,"result":[]}' },
    },
  } as unknown as RecordingEntry;
}

describe('scrubRecordingEntry', () => {
  test('redacts credentials, drops cookies and the random port', () => {
    const e = entry();
    scrubRecordingEntry(e);
    expect(e.request.url).toBe('http://127.0.0.1/client/v4/accounts?page=1&per_page=50');
    expect(e.request.headers).toEqual([
      { name: 'authorization', value: REDACTED },
      { name: 'host', value: '127.0.0.1' },
      { name: 'accept', value: 'application/json' },
    ]);
    expect(e.response.headers).toEqual([
      { name: 'set-cookie', value: REDACTED },
      { name: 'content-type', value: 'application/json' },
    ]);
    expect(e.response.cookies).toEqual([]);
    expect(JSON.stringify(e)).not.toContain(SIM_TOKENS.user);
  });

  test('refuses an entry whose body echoes a token', () => {
    const e = entry({ body: `{"errors":[{"message":"bad token ${SIM_TOKENS.unknown}"}]}` });
    expect(() => scrubRecordingEntry(e)).toThrow(/token-like/);
  });

  test('refuses a bearer credential in an unexpected header, without echoing it', () => {
    const e = entry({
      requestHeaders: [{ name: 'x-forwarded-authorization', value: `Bearer ${'notARealToken'.padEnd(40, '0')}` }],
    });
    let message = '';
    try {
      scrubRecordingEntry(e);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/token-like/);
    expect(message).not.toContain('notARealToken');
  });

  test('refuses a Global API Key anywhere', () => {
    expect(findTokenLike({ url: '/x?key=0123456789abcdef0123456789abcdef01234' })).toBeDefined();
  });

  test('accepts ordinary Cloudflare data (32-hex ids, 64-hex digests)', () => {
    expect(
      findTokenLike({
        id: '1fc675a3041063afd773477f673b43cc',
        content: `3 1 1 ${'ab'.repeat(32)}`,
        authorization: REDACTED,
        header: `Bearer ${REDACTED}`,
      }),
    ).toBeUndefined();
  });
});
