/**
 * Debug tools for respool on Jetty 12.1: {@link dev.respool.jetty.debug.RetentionWatch} watches
 * Jetty's core response writes for pooled arrays held past their lease's release signal.
 */
package dev.respool.jetty.debug;
