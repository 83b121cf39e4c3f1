package dev.respool.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The metadata IDEs read to complete and check {@code respool.*} in application properties. */
class ConfigurationMetadataTest {

  private static String metadata() throws IOException {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated configuration metadata").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void describesEveryProperty() throws IOException {
    String metadata = metadata();

    for (String name : new String[] {
      "respool.enabled",
      "respool.mode",
      "respool.detect-action",
      "respool.max-pooled-bytes",
      "respool.url-patterns",
      "respool.order"
    }) {
      assertThat(metadata).contains("\"name\": \"" + name + "\"");
    }
  }

  @Test
  void offersTheValidModesAndActions() throws IOException {
    String metadata = metadata().replace(" ", "");

    assertThat(metadata)
        .contains("\"value\":\"copy\"", "\"value\":\"pool\"", "\"value\":\"detect\"")
        .contains("\"value\":\"off\"", "\"value\":\"log\"", "\"value\":\"throw\"");
  }

  @Test
  void givesTheBoundAsASizeWithItsDefault() throws IOException {
    String metadata = metadata().replace(" ", "");

    assertThat(metadata)
        .contains("\"type\":\"org.springframework.util.unit.DataSize\"")
        .contains("\"defaultValue\":\"16MB\"");
  }
}
