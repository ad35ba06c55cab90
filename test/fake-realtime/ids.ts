// Identifiers for events, items, responses and calls. The API's look like `event_C9G5RJeJ2gF77m`;
// the fake's are counters so that runs are reproducible. They are unique within one server, and
// every server event needs a unique `event_id` (the SDK ignores events without one, reference §9).

export type IdKind = 'event' | 'item' | 'resp' | 'call' | 'sess'

export class IdFactory {
  private readonly counters = new Map<IdKind, number>()

  next(kind: IdKind): string {
    const n = (this.counters.get(kind) ?? 0) + 1
    this.counters.set(kind, n)
    return `${kind}_fake${String(n).padStart(6, '0')}`
  }
}
