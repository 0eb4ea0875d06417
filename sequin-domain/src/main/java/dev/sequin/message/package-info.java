/**
 * The message model shared by every stage of the pipeline: positions in the WAL ({@link
 * dev.sequin.message.Lsn}, {@link dev.sequin.message.Position}), the decoded and encoded change
 * ({@link dev.sequin.message.ChangeMessage}) and the wire JSON a sink receives.
 */
package dev.sequin.message;
