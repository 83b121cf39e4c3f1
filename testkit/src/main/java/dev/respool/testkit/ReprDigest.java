package dev.respool.testkit;

import java.util.Base64;

/**
 * The {@code Repr-Digest} header of RFC 9530 with a SHA-256 digest: {@code sha-256=:BASE64:}, where
 * {@code BASE64} is the standard, padded Base64 encoding of the 32-byte digest.
 *
 * <p>A server sends the header before the body, so the digest of a large {@link DeterministicBody}
 * must be known before a single byte is written; {@link #forBody} keeps the digests of recently
 * served bodies, since hashing 1 GiB takes seconds.
 */
public final class ReprDigest {

  /** The header name. */
  public static final String HEADER = "Repr-Digest";

  /** The algorithm key of SHA-256 in the header. */
  public static final String SHA_256 = "sha-256";

  private static final int SHA_256_LENGTH = 32;

  /** Sized for a test run: a few dozen distinct bodies, most of them small. */
  private static final DigestCache CACHE = new DigestCache(64);

  private ReprDigest() {}

  /**
   * Formats a SHA-256 digest as a header value.
   *
   * @param sha256 the 32-byte digest
   * @return for example {@code sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:}
   * @throws IllegalArgumentException if {@code sha256} is not 32 bytes long
   */
  public static String format(byte[] sha256) {
    if (sha256.length != SHA_256_LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
    }
    return SHA_256 + "=:" + Base64.getEncoder().encodeToString(sha256) + ":";
  }

  /**
   * Reads the SHA-256 digest from a header value.
   *
   * <p>Accepts what RFC 9530 senders produce: a comma-separated dictionary whose members are
   * {@code algorithm=:BASE64:} byte sequences, in any order. Members of other algorithms are
   * checked for form and otherwise ignored. Parameters, which RFC 9530 does not define, are
   * rejected rather than skipped.
   *
   * @param headerValue the field value, for example {@code sha-256=:47DE…FuU=:}
   * @return the 32-byte digest
   * @throws IllegalArgumentException if the value is malformed, has no {@code sha-256} member, or
   *     its digest is not 32 bytes long
   */
  public static byte[] parse(String headerValue) {
    if (headerValue == null || headerValue.isBlank()) {
      throw new IllegalArgumentException("Repr-Digest is empty");
    }
    byte[] found = null;
    for (String member : headerValue.split(",", -1)) {
      String trimmed = member.strip();
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw malformed(headerValue, "a member is not algorithm=:BASE64:");
      }
      String key = trimmed.substring(0, equals);
      String value = trimmed.substring(equals + 1);
      if (!isKey(key)) {
        throw malformed(headerValue, "'" + key + "' is not an algorithm key");
      }
      byte[] bytes = byteSequence(headerValue, value);
      if (key.equals(SHA_256)) {
        if (found != null) {
          throw malformed(headerValue, "sha-256 appears twice");
        }
        found = bytes;
      }
    }
    if (found == null) {
      throw malformed(headerValue, "no sha-256 member");
    }
    if (found.length != SHA_256_LENGTH) {
      throw malformed(headerValue, "a SHA-256 digest has 32 bytes, got " + found.length);
    }
    return found;
  }

  /**
   * The header value for the {@link DeterministicBody} of {@code length} bytes from {@code seed},
   * from a bounded cache of recent bodies. Callers asking for the same body while it is being
   * hashed wait for that one computation.
   */
  public static String forBody(long length, long seed) {
    return CACHE.get(length, seed);
  }

  private static byte[] byteSequence(String headerValue, String value) {
    if (value.length() < 2
        || value.charAt(0) != ':'
        || value.indexOf(':', 1) != value.length() - 1) {
      throw malformed(headerValue, "a digest must be written :BASE64:");
    }
    try {
      return Base64.getDecoder().decode(value.substring(1, value.length() - 1));
    } catch (IllegalArgumentException e) {
      throw malformed(headerValue, "the digest is not Base64 (" + e.getMessage() + ")");
    }
  }

  /** A Structured Fields key: a lowercase letter or '*', then lowercase letters, digits, _-.* */
  private static boolean isKey(String key) {
    char first = key.charAt(0);
    if (!(first >= 'a' && first <= 'z') && first != '*') {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_-.*".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException malformed(String headerValue, String reason) {
    return new IllegalArgumentException("malformed Repr-Digest '" + headerValue + "': " + reason);
  }
}
