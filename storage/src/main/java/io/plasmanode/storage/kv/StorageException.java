package io.plasmanode.storage.kv;

/**
 * A storage failure the caller cannot handle locally: an I/O error, a corrupt value, a store used
 * after it was closed, or a data directory held by another process. Unchecked, like Teku's
 * DatabaseStorageException: the daemon stops rather than continue on state it cannot trust.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
