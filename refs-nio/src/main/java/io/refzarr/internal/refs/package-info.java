/**
 * Reference-set plumbing shared by the in-memory and the Parquet forms: the directory index a set
 * of keys implies.
 *
 * <p>Not API: other refzarr modules may use it, users should not.
 */
package io.refzarr.internal.refs;
