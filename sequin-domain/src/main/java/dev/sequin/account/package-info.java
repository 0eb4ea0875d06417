/** Who may call the API: hashed API tokens. */
package dev.sequin.account;
