// Runs waiting to execute, highest priority first and first come first served within a
// priority (reference/002's priority queue).
interface Queued<T> {
  value: T
  priority: number
}

export class PriorityQueue<T> {
  private items: Queued<T>[] = []

  push(value: T, priority = 0): void {
    const entry = { value, priority }
    // Insert in place: queues stay short, and order must be stable for equal priorities.
    const at = this.items.findIndex((e) => e.priority < priority)
    if (at === -1) this.items.push(entry)
    else this.items.splice(at, 0, entry)
  }

  shift(): T | undefined {
    return this.items.shift()?.value
  }

  remove(predicate: (value: T) => boolean): boolean {
    const before = this.items.length
    this.items = this.items.filter((e) => !predicate(e.value))
    return this.items.length !== before
  }

  has(predicate: (value: T) => boolean): boolean {
    return this.items.some((e) => predicate(e.value))
  }

  get size(): number {
    return this.items.length
  }

  values(): T[] {
    return this.items.map((e) => e.value)
  }
}
