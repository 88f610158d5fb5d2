/// The stores a build reads and writes, nearest first: the local cache, then the remote one
/// when there is one. Reading asks each store in turn until one has an entry that reads well;
/// writing gives the entry to every store.
package struct CacheTiers: Sendable {
    package var stores: [any CacheStore]

    package init(_ stores: [any CacheStore]) {
        self.stores = stores
    }

    /// The first value `read` makes of the entry, trying each store in order: a store that
    /// lacks the entry, or whose copy `read` refuses (a cut or edited file), is passed over.
    package func first<Value>(_ entry: CacheEntry, read: () async -> Value?) async -> Value? {
        for store in stores {
            if await store.fetch(entry), let value = await read() { return value }
        }
        return nil
    }

    /// Gives the entry to every store.
    package func store(_ entry: CacheEntry) async {
        for store in stores { await store.store(entry) }
    }
}
