/** Who may call what: bearer API tokens for {@code /api}, open health and info endpoints. */
package dev.sequin.app.security;
