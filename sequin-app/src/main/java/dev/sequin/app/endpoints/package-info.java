/**
 * The management API for HTTP endpoints, {@code /api/destinations/http_endpoints} (contract §2,
 * §4): where webhook sinks send. Plain headers are stored and returned byte-exact; encrypted
 * headers and the signing secret are Vault-encrypted and masked in every response.
 */
package dev.sequin.app.endpoints;
