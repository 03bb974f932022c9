/**
 * File output shared by refzarr's modules: atomic replacement of files and directories, created
 * with the permissions a plain write would give (the process umask applies), and direct writes to
 * pipes and devices.
 *
 * <p>Not API: other refzarr modules may use it, users should not.
 */
package io.refzarr.internal.io;
