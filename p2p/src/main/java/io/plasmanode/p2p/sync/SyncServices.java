package io.plasmanode.p2p.sync;

import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the per-channel handlers of one node share.
 *
 * @param executor runs {@link ServedBlocks} calls, off the event loops
 * @param localHeight this node's height as last published
 * @param listenPort the port this node accepts peers on
 */
record SyncServices(
    SyncConfig config,
    ServedBlocks source,
    Executor executor,
    PeerRegistry registry,
    LongSupplier localHeight,
    IntSupplier listenPort) {}
