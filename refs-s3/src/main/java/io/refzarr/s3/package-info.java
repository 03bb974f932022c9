/** The S3 byte source (AWS SDK v2), found by ServiceLoader. */
package io.refzarr.s3;
