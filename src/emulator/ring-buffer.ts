/** The last `capacity` items pushed, oldest first: the emulator's logs stay bounded however long it runs. */
export interface RingBuffer<T> {
  push(item: T): void;
  items(): T[];
}

export function createRingBuffer<T>(capacity: number): RingBuffer<T> {
  let items: T[] = [];
  return {
    push(item) {
      items.push(item);
      // Trim in batches so a full buffer does not copy itself on every push.
      if (items.length >= capacity * 2) items = items.slice(-capacity);
    },
    items: () => items.slice(-capacity),
  };
}
