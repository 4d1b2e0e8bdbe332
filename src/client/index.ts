export * from './CloudflareClient';
export * from './CloudflareTransport';
export * from './endpoints';
export * from './errors';
export * from './Pager';
export * from './TimeWindowWalker';
export * from './tokenScrubber';
export * from './types';
