/**
 * Short messages on named topics, heard by every listener of the topic: in this process, or,
 * over Redis pub/sub, on every instance. At most once: a listener that must not miss anything
 * re-reads the store (channel streams do on every heartbeat).
 */
export interface Broadcast {
  publish(topic: string, message: string): void;
  /** Listens to `topic`; returns the function that stops listening. */
  subscribe(topic: string, listener: (message: string) => void): () => void;
  /** Stops listening everywhere and lets go of connections. */
  close(): Promise<void>;
}
