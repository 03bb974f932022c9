/**
 * The {@code refzarr} command: subcommands over the library modules, parsed by {@link
 * io.refzarr.cli.args.CommandLine}. Application code, not API. Every command reports errors as one
 * line on stderr and a non-zero exit status.
 */
package io.refzarr.cli;
