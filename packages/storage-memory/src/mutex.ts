interface Waiter {
  readonly wake: () => void;
  next: Waiter | undefined;
}

/**
 * A FIFO async mutex: tasks run one at a time in call order. Waiters form a linked
 * queue so a burst of thousands of queued calls costs O(1) each (an array `shift` is O(n)).
 */
export class Mutex {
  private locked = false;
  private head: Waiter | undefined;
  private tail: Waiter | undefined;

  /** Runs `task` once every earlier task has settled; resolves or rejects with it. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.locked) await new Promise<void>((wake) => this.enqueue({ wake, next: undefined }));
    else this.locked = true;
    try {
      return await task();
    } finally {
      this.handOver();
    }
  }

  private enqueue(waiter: Waiter): void {
    if (this.tail) this.tail.next = waiter;
    else this.head = waiter;
    this.tail = waiter;
  }

  /** Passes the lock straight to the next waiter (it stays locked), or unlocks. */
  private handOver(): void {
    const next = this.head;
    if (!next) {
      this.locked = false;
      return;
    }
    this.head = next.next;
    if (!this.head) this.tail = undefined;
    next.wake();
  }
}
