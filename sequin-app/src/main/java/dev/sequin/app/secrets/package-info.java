/** The encryption key for secrets at rest. */
package dev.sequin.app.secrets;
