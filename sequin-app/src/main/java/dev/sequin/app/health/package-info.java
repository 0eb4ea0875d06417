/** Liveness and version endpoints, open without a token. */
package dev.sequin.app.health;
