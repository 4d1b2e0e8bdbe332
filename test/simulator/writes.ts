/**
 * Write endpoints (members, Zero Trust session revocation). Placeholder: being written.
 */
import type { Route } from './router';

export const WRITE_ROUTES: readonly Route[] = [];
