package dev.respool.jetty.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.BufferPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Without a poisoning pool the watch cannot tell pooled arrays apart, so it leaves the responses
 * alone; a handler inside it reports whether its response was wrapped.
 */
class PassThroughIT {

  private final OkHttpClient client = new OkHttpClient();

  @Test
  void whileTheSourceHasNoPoolResponsesPassThroughAndTheSourceIsAskedAgain() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Probe probe = new Probe();

    serveTwice(probe, () -> {
      asked.incrementAndGet();
      return null;
    });

    assertThat(probe.wrapped).hasValue(0);
    assertThat(asked).hasValue(2);
  }

  @Test
  void aPoolThatDoesNotPoisonIsKeptAndLeavesResponsesAlone() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Probe probe = new Probe();
    BufferPool plain = new BufferPool(1024 * 1024, false);

    serveTwice(probe, () -> {
      asked.incrementAndGet();
      return plain;
    });

    assertThat(probe.wrapped).hasValue(0);
    assertThat(asked).hasValue(1);
  }

  @Test
  void aPoisoningPoolGetsEveryResponseWatched() throws Exception {
    Probe probe = new Probe();
    BufferPool poisoning = new BufferPool(1024 * 1024, true);

    serveTwice(probe, () -> poisoning);

    assertThat(probe.wrapped).hasValue(2);
  }

  /** Starts a server whose watch asks {@code source}, and sends it two requests. */
  private void serveTwice(Probe probe, Supplier<BufferPool> source) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new RetentionWatch(probe, source));
    server.start();
    try {
      for (int i = 0; i < 2; i++) {
        Request request = new Request.Builder()
            .url("http://127.0.0.1:" + connector.getLocalPort() + "/probe")
            .build();
        try (Response response = client.newCall(request).execute()) {
          assertThat(response.body().string()).isEqualTo("ok");
        }
      }
    } finally {
      server.stop();
    }
  }

  /** Counts the responses it gets wrapped by the watch, and answers "ok". */
  private static final class Probe extends Handler.Abstract {
    final AtomicInteger wrapped = new AtomicInteger();

    @Override
    public boolean handle(
        org.eclipse.jetty.server.Request request,
        org.eclipse.jetty.server.Response response,
        Callback callback) {
      if (response instanceof WatchedResponse) {
        wrapped.incrementAndGet();
      }
      Content.Sink.write(response, true, "ok", callback);
      return true;
    }
  }
}
