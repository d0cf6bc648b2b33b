import type { Driver, ListenOptions } from '../driver/types.js';

/** One channel's handler on the hub: `ListenOptions` for a single channel. */
export interface ChannelListener {
  /** The channel (one of the hub's). */
  channel: string;
  /** A NOTIFY on that channel. */
  onNotification: (payload: string) => void;
  /** After the hub's connection is up (at once when it is already), and after every reconnect. */
  onConnected: () => Promise<void>;
  /** The connection failed (the driver retries). */
  onError: (error: unknown) => void;
}

/**
 * Shares one LISTEN connection between everything the store listens to (the event-log feed,
 * ephemeral signals), so a process holds one listening connection, not one per feature. It
 * LISTENs on all its channels while anyone listens, and lets the connection go when the last
 * listener leaves.
 */
export class NotifyHub {
  private readonly listeners = new Set<ChannelListener>();
  private started: Promise<() => Promise<void>> | null = null;
  private connected = false;

  constructor(
    private readonly driver: Driver,
    private readonly channels: readonly string[],
  ) {}

  /** Adds a listener; resolves once its channel is LISTENed on, to its removal. */
  async listen(listener: ChannelListener): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    try {
      if (this.started && this.connected) {
        await this.started;
        await listener.onConnected();
      } else await (this.started ??= this.start());
    } catch (error) {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) await this.stop();
      throw error;
    }
    return async () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) await this.stop();
    };
  }

  /** Stops listening (the last listener left, or the store closes). */
  async stop(): Promise<void> {
    const started = this.started;
    this.started = null;
    this.connected = false;
    if (started) await (await started.catch(() => async () => undefined))();
  }

  private start(): Promise<() => Promise<void>> {
    const options: ListenOptions = {
      channels: this.channels,
      onNotification: (channel, payload) => {
        for (const listener of [...this.listeners]) if (listener.channel === channel) listener.onNotification(payload);
      },
      onConnected: async () => {
        this.connected = true;
        for (const listener of [...this.listeners]) await listener.onConnected();
      },
      onError: (error) => {
        for (const listener of [...this.listeners]) listener.onError(error);
      },
    };
    return this.driver.listen(options).catch((error: unknown) => {
      this.started = null;
      this.connected = false;
      throw error;
    });
  }
}
