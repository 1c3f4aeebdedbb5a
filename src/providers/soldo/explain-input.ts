import type { ExplainInput } from '../../core/soldo/explain.js';
import type { FingerprintInput } from '../../core/soldo/fingerprint.js';
import { orderSourceNames, orderVariants, type OrderSource, type SoldoOrder } from './orders.js';

/** Secrets a buggy client may hash in place of the fingerprint token. */
export interface KnownSecrets {
  accessTokens?: readonly string[];
  clientId?: string;
  clientSecret?: string;
}

/**
 * What the mistake search compares beyond the request: the secrets a buggy client might hash in place of the
 * fingerprint token, and the orders of Soldo's other sources for this operation.
 */
export function explainInputFor(order: SoldoOrder, source: OrderSource, input: FingerprintInput, secrets: KnownSecrets): ExplainInput {
  const { accessTokens = [], clientId, clientSecret } = secrets;
  return {
    ...input,
    accessTokens,
    ...(clientId === undefined ? {} : { clientId }),
    ...(clientSecret === undefined ? {} : { clientSecret }),
    orderSource: orderSourceNames[source],
    otherOrders: orderVariants(order)
      .filter((variant) => variant.source !== source)
      .map((variant) => ({ source: orderSourceNames[variant.source], order: variant.order })),
  };
}
