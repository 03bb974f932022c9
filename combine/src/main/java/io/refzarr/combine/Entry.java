package io.refzarr.combine;

import io.refzarr.refs.Reference;

/** One output key and its reference. */
record Entry(String key, Reference ref) implements java.io.Serializable {}
