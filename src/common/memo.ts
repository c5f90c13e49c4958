/**
 * Memos for long runs over many files: each forgets everything once it holds `limit` entries, so
 * memory stays bounded however many distinct expressions or `uses:` a run meets.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** For memos whose values may be undefined. */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}

/** A bounded memo whose entries are grouped by a scope (an allowed-context list, say); the limit counts them all. */
export class ScopedMemo<S, K, V> {
  private readonly scopes = new Map<S, Map<K, V>>();
  private count = 0;

  constructor(private readonly limit: number) {}

  get(scope: S, key: K): V | undefined {
    return this.scopes.get(scope)?.get(key);
  }

  set(scope: S, key: K, value: V): V {
    if (++this.count > this.limit) {
      this.scopes.clear();
      this.count = 1;
    }
    let entries = this.scopes.get(scope);
    if (!entries) {
      entries = new Map();
      this.scopes.set(scope, entries);
    }
    entries.set(key, value);
    return value;
  }
}
