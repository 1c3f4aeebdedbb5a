/**
 * The request body type a provider's published description declares for an operation, where the CLI ships one:
 * Soldo's fingerprint-order table has each signed operation's (generated from its OpenAPI export). Read only for a
 * request with a body, so other requests do not load the table.
 */
import type { ProviderId } from '../../environments.js';

export interface DeclaredType {
  /** The operation's name in the description, for messages. */
  readonly operation: string;
  readonly contentType: string;
}

const declarations: Partial<Record<ProviderId, (method: string, pathname: string) => Promise<DeclaredType | undefined>>> = {
  async soldo(method, pathname) {
    const { matchOperation } = await import('../../providers/soldo/orders.js');
    const order = matchOperation(method, pathname)?.order;
    return order?.contentType === undefined ? undefined : { operation: order.operationId, contentType: order.contentType };
  },
};

export async function declaredContentType(provider: ProviderId, method: string, pathname: string): Promise<DeclaredType | undefined> {
  return declarations[provider]?.(method, pathname);
}
