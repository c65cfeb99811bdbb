package dev.weft.peer.ledger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDBException;

/**
 * RocksDB native handles that several threads may use at once and that must be released exactly
 * once, after everything that depends on them.
 *
 * <p>Using a released native handle crashes the JVM rather than throwing, so every use holds the
 * read lock and checks that the resource is still open, and {@link #close} takes the write lock: it
 * waits for the uses in progress, then closes the dependents (iterators of a snapshot, snapshots of
 * a database) and only then releases its own handles. Later uses fail with an {@link
 * IllegalStateException}. Locks are always taken owner first (database, snapshot, iterator), so
 * closing cannot deadlock.
 */
abstract class NativeResource implements AutoCloseable {

  /** A use of the native handles. */
  interface NativeCall<T> {
    T run() throws RocksDBException;
  }

  private final String description;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<NativeResource> dependents = ConcurrentHashMap.newKeySet();
  private volatile NativeResource owner;
  private boolean closed;

  /**
   * @param description what this is, for error messages ("state database at /var/weft/ch1")
   */
  NativeResource(String description) {
    this.description = description;
  }

  /** What this is, for messages. */
  final String description() {
    return description;
  }

  /**
   * Runs {@code call} while this resource is open; a RocksDB error becomes a {@link
   * LedgerException} that says what failed.
   *
   * @param operation what the call does, for error messages
   * @throws IllegalStateException if this resource is closed
   */
  final <T> T whileOpen(String operation, NativeCall<T> call) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException(description + " is closed");
      }
      return call.run();
    } catch (RocksDBException e) {
      throw new LedgerException(description + ": cannot " + operation + ": " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Makes {@code dependent} close before this resource releases its handles. Call it inside {@link
   * #whileOpen}, so that this resource cannot close in between.
   */
  final <T extends NativeResource> T adopt(T dependent) {
    NativeResource resource = dependent;
    resource.owner = this;
    dependents.add(resource);
    return dependent;
  }

  /** Releases the native handles; called once, with no use in progress and no dependent open. */
  abstract void release();

  /** Closes the dependents, then releases the native handles. Idempotent. */
  @Override
  public final void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (NativeResource dependent : dependents) {
        dependent.close();
      }
      release();
    } finally {
      lock.writeLock().unlock();
    }
    if (owner != null) {
      owner.dependents.remove(this);
    }
  }
}
