package io.plasmanode.storage.kv;

class InMemoryKeyValueStoreTest extends KeyValueStoreContractTest {
  @Override
  protected KeyValueStore openStore() {
    return new InMemoryKeyValueStore();
  }
}
