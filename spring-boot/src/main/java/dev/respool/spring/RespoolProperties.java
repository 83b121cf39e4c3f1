package dev.respool.spring;

import dev.respool.BufferPool;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/** The {@code respool.*} properties. */
@ConfigurationProperties(prefix = "respool")
public class RespoolProperties {

  /** Whether to register the respool filter. */
  private boolean enabled = true;

  /**
   * copy, pool, detect or off; unset leaves the choice to the filter: copy, or detect when the
   * JVM runs with assertions on for dev.respool. The respool.mode system property wins.
   */
  private String mode;

  /** log or throw: what detect mode does on top of reporting a violation. */
  private String detectAction;

  /**
   * The most bytes the pool keeps between uses, from 0 to 4GB (4294967296 bytes); a plain number
   * counts bytes, and units such as 512KB or 64MB are read in units of 1024.
   */
  @DataSizeUnit(DataUnit.BYTES)
  private DataSize maxPooledBytes = DataSize.ofBytes(BufferPool.DEFAULT_MAX_POOLED_BYTES);

  /** The URL patterns the filter is mapped to. */
  private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

  /** The filter's order: early, so that it wraps the response before filters that write bodies. */
  private int order = Ordered.HIGHEST_PRECEDENCE + 10;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getDetectAction() {
    return detectAction;
  }

  public void setDetectAction(String detectAction) {
    this.detectAction = detectAction;
  }

  public DataSize getMaxPooledBytes() {
    return maxPooledBytes;
  }

  public void setMaxPooledBytes(DataSize maxPooledBytes) {
    this.maxPooledBytes = maxPooledBytes;
  }

  public List<String> getUrlPatterns() {
    return urlPatterns;
  }

  public void setUrlPatterns(List<String> urlPatterns) {
    this.urlPatterns = urlPatterns;
  }

  public int getOrder() {
    return order;
  }

  public void setOrder(int order) {
    this.order = order;
  }
}
