/**
 * Concurrency plumbing shared by refzarr's modules: waiting on futures with one policy for their
 * failures ({@link io.refzarr.internal.concurrent.Futures}).
 *
 * <p>Not API: other refzarr modules may use it, users should not.
 */
package io.refzarr.internal.concurrent;
