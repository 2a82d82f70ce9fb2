package io.plasmanode.node.storage;

class InMemoryKeyValueStoreTest extends KeyValueStoreContractTest {
  @Override
  protected KeyValueStore openStore() {
    return new InMemoryKeyValueStore();
  }
}
