package io.plasmanode.node.storage;

class InMemoryChainStoreTest extends ChainStoreTest {
  @Override
  protected KeyValueStore openKeyValueStore() {
    return new InMemoryKeyValueStore();
  }
}
