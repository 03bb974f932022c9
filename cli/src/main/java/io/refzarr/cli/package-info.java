/**
 * The {@code refzarr} command: picocli subcommands over the library modules. Application code, not
 * API. Every command reports errors as one line on stderr and a non-zero exit status.
 */
package io.refzarr.cli;
