/**
 * Our own state's Postgres: configured with Sequin's {@code PG_*} variables, or embedded in a
 * local folder for the one-command quick start.
 */
package dev.sequin.app.owndb;
