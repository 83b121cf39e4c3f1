/**
 * The end-to-end suites that every container module runs: abstract JUnit classes that talk to a
 * server over HTTP/1.1 and h2c only. A module runs one by extending it, in a class named for
 * failsafe ({@code *IT}), with a constructor that passes its {@link
 * dev.respool.testkit.ServletContainer}.
 */
package dev.respool.testkit.suite;
