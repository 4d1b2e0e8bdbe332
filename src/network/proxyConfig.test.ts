import { bypassesProxy, parseProxyUrl } from './proxyConfig';

describe('parseProxyUrl', () => {
  test('credentials are decoded into the Basic header only; display is host:port', () => {
    const proxy = parseProxyUrl('http://us%40er:p%40ss%3Aw%2Frd@proxy.example:3128');
    expect(proxy).toEqual({
      protocol: 'http:',
      host: 'proxy.example',
      port: 3128,
      display: 'proxy.example:3128',
      authorization: `Basic ${Buffer.from('us@er:p@ss:w/rd').toString('base64')}`,
    });
  });

  test('default ports, no credentials, IPv6', () => {
    expect(parseProxyUrl('http://proxy.example')).toEqual({
      protocol: 'http:',
      host: 'proxy.example',
      port: 80,
      display: 'proxy.example:80',
      authorization: undefined,
    });
    expect(parseProxyUrl('https://proxy.example/').port).toBe(443);
    expect(parseProxyUrl('http://[::1]:8080')).toMatchObject({ host: '::1', port: 8080, display: '[::1]:8080' });
  });

  test('a user name without a password', () => {
    expect(parseProxyUrl('http://alice@proxy.example:8080').authorization).toBe(
      `Basic ${Buffer.from('alice:').toString('base64')}`,
    );
  });
});

describe('bypassesProxy (NO_PROXY)', () => {
  test.each([
    ['*', 'api.cloudflare.com', 443, true],
    ['cloudflare.com', 'api.cloudflare.com', 443, true],
    ['api.cloudflare.com', 'api.cloudflare.com', 443, true],
    ['.cloudflare.com', 'api.cloudflare.com', 443, true],
    ['*.cloudflare.com', 'api.cloudflare.com', 443, true],
    ['.cloudflare.com', 'cloudflare.com', 443, true],
    ['example.com, cloudflare.com', 'api.cloudflare.com', 443, true],
    ['example.com cloudflare.com', 'api.cloudflare.com', 443, true],
    ['API.Cloudflare.COM', 'api.cloudflare.com', 443, true],
    ['cloudflare.com:443', 'api.cloudflare.com', 443, true],
    ['cloudflare.com:8443', 'api.cloudflare.com', 443, false],
    ['flare.com', 'api.cloudflare.com', 443, false],
    ['other.cloudflare.com', 'api.cloudflare.com', 443, false],
    ['', 'api.cloudflare.com', 443, false],
    [' , ', 'api.cloudflare.com', 443, false],
    ['127.0.0.1', '127.0.0.1', 8443, true],
    ['127.0.0.1:8443', '127.0.0.1', 8443, true],
    ['::1', '[::1]', 443, true],
    ['[::1]:443', '::1', 443, true],
    ['[::1]:80', '::1', 443, false],
  ])('NO_PROXY=%j for %s:%d → %s', (noProxy, host, port, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });

  test('unset', () => {
    expect(bypassesProxy('api.cloudflare.com', 443, undefined)).toBe(false);
  });
});
