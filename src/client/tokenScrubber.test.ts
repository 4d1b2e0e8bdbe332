import { REDACTED, tokenScrubber } from './tokenScrubber';

describe('tokenScrubber', () => {
  const TOKEN = 'SCRUBfake0token-zz9Q_unitTEST-000000000';

  test('replaces every occurrence of the token', () => {
    const scrub = tokenScrubber(TOKEN);
    expect(scrub(`Bearer ${TOKEN} and again ${TOKEN}.`)).toBe(`Bearer ${REDACTED} and again ${REDACTED}.`);
    expect(REDACTED).toBe('[REDACTED]');
  });

  test('text without the token comes back as it was', () => {
    const text = 'nothing secret here';
    expect(tokenScrubber(TOKEN)(text)).toBe(text);
  });

  test('no token: the identity', () => {
    expect(tokenScrubber(undefined)('abc')).toBe('abc');
    expect(tokenScrubber('')('abc')).toBe('abc');
  });
});
