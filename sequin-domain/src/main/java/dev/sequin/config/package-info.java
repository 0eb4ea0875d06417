/** Events that tell the running pipeline its configuration changed. */
package dev.sequin.config;
