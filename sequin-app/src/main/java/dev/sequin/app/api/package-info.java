/**
 * What every API controller shares: Sequin's error shapes ({@link dev.sequin.app.api.ApiProblem})
 * and strict, Sequin-style reading of JSON bodies ({@link dev.sequin.app.api.JsonBody}).
 */
package dev.sequin.app.api;
