package io.plasmanode.p2p.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a node's peers send; tests wait on the lists with {@link PeerNodeIT#EVENTUALLY}. */
class RecordingListener implements SyncListener {
  final List<Peer> connected = new CopyOnWriteArrayList<>();
  final List<Peer> disconnected = new CopyOnWriteArrayList<>();
  final List<Long> statuses = new CopyOnWriteArrayList<>();
  final List<Long> announcements = new CopyOnWriteArrayList<>();
  final List<SyncBlock> blocks = new CopyOnWriteArrayList<>();

  @Override
  public void onConnected(Peer peer, long height) {
    connected.add(peer);
  }

  @Override
  public void onStatus(Peer peer, long height) {
    statuses.add(height);
  }

  @Override
  public void onBlocks(Peer peer, List<SyncBlock> received) {
    blocks.addAll(received);
  }

  @Override
  public void onNewBlock(Peer peer, long blknum) {
    announcements.add(blknum);
  }

  @Override
  public void onDisconnected(Peer peer) {
    disconnected.add(peer);
  }
}
