// Tells every lookup cache that an order changed in the store, so the next lookup reads it anew.

/** One changed order: the shop, its name as Shopify shows it (`#1001`) and the other keys it is looked up by. */
export interface OrderChange {
  shop: string;
  orderName: string;
  confirmationNumber: string | null;
  /** `gid://shopify/Customer/…`: that customer's cached order list is dropped too. */
  customerGid: string | null;
}

export type OrderChangeListener = (changes: readonly OrderChange[]) => void;

/**
 * Carries store writes to the caches holding views of them. In process by default; a shared bus
 * (Redis pub/sub) implements the same two functions for several processes. `publish` never throws
 * at the writer: a lost message costs at most one cache lifetime of staleness.
 */
export interface InvalidationBus {
  /** Changes of one write (a backfill batch sends hundreds at once). */
  publish(changes: readonly OrderChange[]): Promise<void>;
  /** Returns a function that stops the listener. */
  subscribe(listener: OrderChangeListener): () => void;
}

/** A bus inside one process: listeners are called synchronously on publish. */
export function createInProcessInvalidationBus(): InvalidationBus {
  const listeners = new Set<OrderChangeListener>();
  return {
    async publish(changes) {
      if (changes.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(changes);
        } catch {
          // A failing cache must not fail the write that published.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
