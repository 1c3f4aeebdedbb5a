/**
 * Which of Soldo's sources a fingerprint order follows where they disagree (docs/soldo.md, section 10): its
 * advanced-authentication guide, the default, or its OpenAPI export 5.56.0. They disagree on the transaction search
 * only. Apart from the order table, so that a command can offer the choice without loading the table.
 */
export type OrderSource = 'guide' | 'openapi';
export const orderSources: readonly OrderSource[] = ['guide', 'openapi'];
export const DEFAULT_ORDER_SOURCE: OrderSource = 'guide';
export const orderSourceNames: Readonly<Record<OrderSource, string>> = {
  guide: "Soldo's advanced-authentication guide",
  openapi: "Soldo's OpenAPI export 5.56.0",
};
