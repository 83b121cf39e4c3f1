package dev.respool.examples.boot;

import dev.respool.Respool;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the regular files of the {@link FileStore}: a listing, and each file as a body copied by
 * respool, either with blocking writes or with non-blocking ones.
 *
 * <p>Each body goes out with {@code Content-Length}, {@code Content-Type:
 * application/octet-stream} and {@code Repr-Digest}, so that a client can check what it received.
 * A HEAD request gets the same headers and no body.
 */
@RestController
class FilesController {

  private static final Logger log = LoggerFactory.getLogger(FilesController.class);

  private final FileStore store;
  private final FileDigests digests;

  FilesController(FileStore store, FileDigests digests) {
    this.store = store;
    this.digests = digests;
  }

  /** {@code GET /files}: the files a client may ask for, with their sizes, by name. */
  @GetMapping("/files")
  List<FileStore.Entry> list() throws IOException {
    return store.list();
  }

  /**
   * {@code GET /files/{name}}: the file, copied with blocking writes on the request's thread
   * through one pooled array.
   */
  @GetMapping("/files/{name}")
  void send(
      @PathVariable("name") String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    FileStore.Opened file = prepare(name, request, response);
    if (file != null) {
      Respool.copy(file.in(), request, response, file.size());
    }
  }

  /**
   * {@code GET /downloads/{name}}: the file, copied with non-blocking writes. respool starts
   * asynchronous processing, writes whenever the connection can take more, and completes the
   * request when the file is sent, so that a slow client holds no thread.
   */
  @GetMapping("/downloads/{name}")
  void download(
      @PathVariable("name") String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    FileStore.Opened file = prepare(name, request, response);
    if (file == null) {
      return;
    }
    Respool.copyAsync(file.in(), request, response, file.size()).whenComplete((bytes, failure) -> {
      if (failure != null) {
        // Most often the client went away; respool has already ended the request.
        log.debug("Download of {} ended early: {}", file.path(), failure.toString());
      }
    });
  }

  /**
   * Opens the file and sets the response headers. Returns null for a HEAD request, after closing
   * the file: the headers are the whole answer.
   */
  private FileStore.Opened prepare(
      String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
    FileStore.Opened file = store.open(name);
    try {
      String digest = digests.reprDigest(file.path(), file.size(), file.lastModified());
      response.setContentType("application/octet-stream");
      response.setContentLengthLong(file.size());
      response.setHeader(FileDigests.HEADER, digest);
      if ("HEAD".equals(request.getMethod())) {
        file.close();
        return null;
      }
      return file;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** 400, as an RFC 9457 problem whose detail names the bad name and what is wrong with it. */
  @ExceptionHandler
  ProblemDetail badName(BadFileNameException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** 404, as an RFC 9457 problem whose detail names the file asked for. */
  @ExceptionHandler
  ProblemDetail missing(MissingFileException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }
}
