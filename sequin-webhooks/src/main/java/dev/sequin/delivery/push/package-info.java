/**
 * HTTP push delivery to webhook endpoints: request building (URL join, byte-exact headers,
 * optional gzip), Standard Webhooks signing, and Sequin's exponential redelivery backoff.
 */
package dev.sequin.delivery.push;
