package dev.respool.jetty.debug;

import org.eclipse.jetty.util.Callback;

/** A write callback that remembers how it was completed. */
final class RecordingCallback implements Callback {

  private int succeeded;
  private Throwable failure;

  @Override
  public void succeeded() {
    succeeded++;
  }

  @Override
  public void failed(Throwable x) {
    failure = x;
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  int succeededCalls() {
    return succeeded;
  }

  Throwable failure() {
    return failure;
  }
}
