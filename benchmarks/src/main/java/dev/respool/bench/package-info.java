/** Benchmarks of respool's copy and pool against the usual alternatives, and a load harness. */
package dev.respool.bench;
