/**
 * Pooled response-body copies for Jakarta Servlet.
 *
 * <p>Register {@link dev.respool.RespoolFilter} in front of an application; copy bodies with
 * {@link dev.respool.Respool#copy} or {@link dev.respool.Respool#copyAsync}; read the counters
 * with {@link dev.respool.Respool#stats()}. {@link dev.respool.BufferPool}, {@link
 * dev.respool.Lease} and {@link dev.respool.Copier} can also be used without a servlet container.
 */
package dev.respool;
