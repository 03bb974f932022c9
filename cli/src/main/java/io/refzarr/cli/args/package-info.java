/**
 * The command-line parser of the {@code refzarr} command: picocli's annotations and behaviour, as
 * far as refzarr's commands use them, in a few small classes. picocli cost 80-120 ms of every
 * command's start-up (Java 5 class files the JDK 17 class-data archive cannot hold, and a large
 * initialisation in the interpreter); this parser loads a dozen classes. Application machinery, not
 * an API: only {@code io.refzarr.cli} uses it.
 */
package io.refzarr.cli.args;
