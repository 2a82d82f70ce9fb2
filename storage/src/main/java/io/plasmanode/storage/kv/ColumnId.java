package io.plasmanode.storage.kv;

/**
 * Every column id of the node's LevelDB databases, with the class that owns the column: one list,
 * so that no two columns of a database share a prefix ({@code ColumnIdTest}). The ids are part of
 * the on-disk format: never renumber one, and never reuse the id of a removed column.
 *
 * <p>The data directory's database holds the chain's columns (1..31) and the watcher's (from 32);
 * the transaction journal is a database of its own. Byte 0 is every database's format marker
 * ({@link #FORMAT_MARKER}), which no column uses.
 */
public enum ColumnId {
  // The chain (storage.chain.ChainColumns), in the data directory's database.
  BLOCKS(Owner.CHAIN, 1),
  BLOCK_TXS(Owner.CHAIN, 2),
  COMMIT_STATUS(Owner.CHAIN, 3),
  PENDING_COMMITS(Owner.CHAIN, 4),
  TX_INDEX(Owner.CHAIN, 5),
  UTXOS(Owner.CHAIN, 6),
  OWNER_UTXOS(Owner.CHAIN, 7),
  DEPOSITS(Owner.CHAIN, 8),
  META(Owner.CHAIN, 9),
  EXITING_ON_INCLUSION(Owner.CHAIN, 10),
  IN_FLIGHT_SPENDS(Owner.CHAIN, 11),
  /** Account history: (address, position newest first) -> marker. */
  HISTORY(Owner.CHAIN, 12),
  /** Deposit blknum -> its output, kept once spent (for the account history). */
  DEPOSIT_OUTPUTS(Owner.CHAIN, 13),

  // The watcher (node's watcher.WatcherColumns), in the same database.
  WATCHER_ROOTS(Owner.WATCHER, 32),
  WATCHER_EXITS(Owner.WATCHER, 33),
  WATCHER_PENDING_ROOTS(Owner.WATCHER, 34),
  WATCHER_EVENTS(Owner.WATCHER, 35),
  WATCHER_META(Owner.WATCHER, 36),
  WATCHER_PENDING_CHALLENGES(Owner.WATCHER, 37),
  WATCHER_EVENT_ENDS(Owner.WATCHER, 40),
  WATCHER_READ_SPENDS(Owner.WATCHER, 41),
  WATCHER_CHALLENGED_EXITS(Owner.WATCHER, 42),
  WATCHER_READ_OUTPUTS(Owner.WATCHER, 43),
  WATCHER_IN_FLIGHT_EXITS(Owner.WATCHER, 44),
  WATCHER_PENDING_IN_FLIGHT_CALLS(Owner.WATCHER, 45),

  // The transaction journal (storage.chain.TxJournal), a database of its own.
  JOURNAL_ENTRIES(Owner.JOURNAL, 1);

  /** The key of every database's format marker ({@code StoreFormat}): not a column id. */
  public static final byte FORMAT_MARKER = 0;

  /** Who defines the column, and so which database it lives in. */
  public enum Owner {
    CHAIN(Database.DATA),
    WATCHER(Database.DATA),
    JOURNAL(Database.JOURNAL);

    private final Database database;

    Owner(Database database) {
      this.database = database;
    }

    public Database database() {
      return database;
    }
  }

  /** The LevelDB databases of a node; column ids are unique within one. */
  public enum Database {
    /** The data directory's database: chain and watcher. */
    DATA,
    /** The transaction journal's database. */
    JOURNAL
  }

  private final Owner owner;
  private final byte id;

  ColumnId(Owner owner, int id) {
    this.owner = owner;
    this.id = (byte) id;
  }

  public Owner owner() {
    return owner;
  }

  /** The one-byte key prefix of the column. */
  public byte id() {
    return id;
  }
}
