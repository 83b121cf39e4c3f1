/**
 * The guarded response and what it is built from. Not an API: anything here may change in any
 * release.
 */
package dev.respool.internal;
