/**
 * The copy benchmark: an {@link java.io.InputStream} copied into an {@link java.io.OutputStream}
 * by respool's {@link dev.respool.Copier} and by the usual alternatives.
 *
 * <p>{@link dev.respool.bench.copy.CopyBenchmark} measures every alternative of {@link
 * dev.respool.bench.copy.CopyAlternatives} on the same {@link dev.respool.bench.copy.ArraySource}
 * and {@link dev.respool.bench.copy.TouchingSink}; {@link
 * dev.respool.bench.copy.ChunkSizeBenchmark} measures how the size of the array a copy goes
 * through affects a plain copy loop.
 */
package dev.respool.bench.copy;
