import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { ClientError, EndpointName } from '../../client';

/**
 * Runs a request of `endpoint`; a 403 it raises names the endpoint (and so
 * its permission) in its typed `endpointName` property, which the client
 * sets already; this fills it in when missing and rethrows the error
 * unchanged. Only forEachAccountInArea reads it: outside an optional area a
 * 403 fails the step as before.
 */
export async function tagRefusal<T>(endpoint: EndpointName, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (isRefusal(err) && !(err as Partial<ClientError>).endpointName) {
      Object.defineProperty(err, 'endpointName', { value: endpoint, enumerable: false });
    }
    throw err;
  }
}

/**
 * A 403 that refuses this request (a missing permission, or a resource out
 * of the token's reach). A rejected token (401, 403 "Invalid access token")
 * is an IntegrationProviderAuthenticationError instead: it refuses everything.
 */
export function isRefusal(err: unknown): err is IntegrationProviderAuthorizationError {
  return err instanceof IntegrationProviderAuthorizationError && (err as { status?: unknown }).status === 403;
}

export function refusedEndpoint(err: unknown): EndpointName | undefined {
  return isRefusal(err) ? (err as Partial<ClientError>).endpointName : undefined;
}
