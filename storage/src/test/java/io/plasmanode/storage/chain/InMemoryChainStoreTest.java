package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;

class InMemoryChainStoreTest extends ChainStoreTest {
  @Override
  protected KeyValueStore openKeyValueStore() {
    return new InMemoryKeyValueStore();
  }
}
