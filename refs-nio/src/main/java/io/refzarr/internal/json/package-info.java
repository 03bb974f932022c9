/**
 * JSON plumbing shared by refzarr's modules: the Jackson factory with field-name canonicalisation
 * off (reference sets have millions of distinct keys), and a small tree codec for metadata
 * documents ({@code .zarray}, {@code .zattrs}, {@code .zmetadata}) as plain {@code Map}/{@code
 * List}/scalars.
 *
 * <p>Not API: other refzarr modules may use it, users should not.
 */
package io.refzarr.internal.json;
