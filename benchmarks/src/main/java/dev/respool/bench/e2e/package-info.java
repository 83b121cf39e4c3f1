/**
 * The end-to-end load harness: embedded Jetty and Tomcat with and without the respool filter,
 * loaded over HTTP/1.1 by {@code wrk} and over h2c by {@code h2load}; see {@link
 * dev.respool.bench.e2e.LoadHarness}.
 */
package dev.respool.bench.e2e;
