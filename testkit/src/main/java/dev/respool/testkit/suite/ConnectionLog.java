package dev.respool.testkit.suite;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;

/**
 * Records the connection each call of an OkHttp client acquired, in order, so that a test can
 * tell whether several calls shared one connection.
 */
final class ConnectionLog extends EventListener {

  private final List<Connection> acquired = new CopyOnWriteArrayList<>();

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    acquired.add(connection);
  }

  /** The connections acquired so far, oldest first: a live view. */
  List<Connection> acquired() {
    return acquired;
  }
}
