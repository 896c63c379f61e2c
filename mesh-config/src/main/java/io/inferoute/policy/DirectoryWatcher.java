package io.inferoute.policy;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Calls back after changes in a directory have settled, on one daemon thread.
 *
 * <p>It watches the directory, not the file: a Kubernetes ConfigMap volume replaces the file by
 * swapping a {@code ..data} symlink, which a watch on the file itself would never see. Any event
 * counts; the callback compares content, so spurious events cost one read. Events are debounced
 * (an editor's save or a ConfigMap swap is several events), and the callback also runs every
 * {@code pollInterval} without events, for file systems where watching does not work (NFS).
 */
final class DirectoryWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DirectoryWatcher.class.getName());

  private final WatchService watch;
  private final Duration debounce;
  private final Duration pollInterval;
  private final Runnable onChange;
  private final Thread thread;

  DirectoryWatcher(Path dir, Duration debounce, Duration pollInterval, Runnable onChange)
      throws IOException {
    this.watch = FileSystems.getDefault().newWatchService();
    this.debounce = debounce;
    this.pollInterval = pollInterval;
    this.onChange = onChange;
    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = new Thread(this::run, "inferoute-policy-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watch.poll(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        if (key != null) {
          drain(key);
          settle();
        }
        runCallback();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // close() was called: stop quietly.
    }
  }

  /** Waits until no event has arrived for {@code debounce}. */
  private void settle() throws InterruptedException {
    WatchKey key;
    while ((key = watch.poll(debounce.toNanos(), TimeUnit.NANOSECONDS)) != null) {
      drain(key);
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  private void runCallback() {
    try {
      onChange.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "policy reload failed unexpectedly", e);
    }
  }

  /** Stops the thread and waits (briefly) for it to end. */
  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the watch service", e);
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
