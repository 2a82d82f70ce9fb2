package io.plasmanode.contracts.l1.follow;

/** How one poll of an {@link L1EventFollower} ended. */
public enum FollowResult {
  /** Every confirmed event is applied. */
  CAUGHT_UP,
  /** The poll failed (L1 unreachable or a bad answer, or the handler failed); retried later. */
  FAILED,
  /** Nothing was read: the follower waits out its backoff after failed polls. */
  BACKING_OFF,
  /** The follower was closed during the poll, before it caught up. */
  STOPPED
}
