/** The listeners of each topic, with the moments a topic gains its first or loses its last. */
export class Listeners {
  private readonly byTopic = new Map<string, Set<(message: string) => void>>();

  constructor(private readonly hooks: { first?: (topic: string) => void; last?: (topic: string) => void } = {}) {}

  add(topic: string, listener: (message: string) => void): () => void {
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
      this.hooks.first?.(topic);
    }
    // Wrapped, so that one function subscribed twice is two subscriptions.
    const entry = (message: string) => listener(message);
    set.add(entry);
    return () => {
      if (!set.delete(entry) || set.size > 0) return;
      this.byTopic.delete(topic);
      this.hooks.last?.(topic);
    };
  }

  /** Hands `message` to every listener of `topic`; one that throws does not stop the others. */
  deliver(topic: string, message: string, onError: (error: unknown) => void): void {
    for (const listener of this.byTopic.get(topic) ?? []) {
      try {
        listener(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
  }
}
