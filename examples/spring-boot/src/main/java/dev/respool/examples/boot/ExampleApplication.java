package dev.respool.examples.boot;

import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that serves the files of one directory through respool: {@code GET
 * /files/{name}} with blocking writes, {@code GET /downloads/{name}} with non-blocking ones. The
 * respool starter on the class path registers the filter; the application configures nothing of
 * it.
 *
 * <p>Set {@code example.files-dir} to serve a directory of your own. Without it the application
 * generates a few sample files in a temporary directory, and deletes them at shutdown.
 */
@SpringBootApplication
@EnableConfigurationProperties(ExampleProperties.class)
public class ExampleApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot's command line, for example {@code --server.port=0
   *     --example.files-dir=/srv/files}
   */
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }

  /** The digests of the files served, shared by every request. */
  @Bean
  FileDigests fileDigests() {
    return new FileDigests();
  }

  /** The directory served: the configured one, else a new one with sample files. */
  @Bean(destroyMethod = "close")
  FileStore fileStore(ExampleProperties properties, FileDigests digests) throws IOException {
    if (properties.filesDir() == null || properties.filesDir().isBlank()) {
      return SampleFiles.create(digests);
    }
    return FileStore.configured(properties.filesDir());
  }
}
