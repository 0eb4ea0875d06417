package dev.sequin.app.deadletters;

import java.util.UUID;

/**
 * Published (as a Spring application event, inside the storing transaction; listen with
 * {@code @TransactionalEventListener}) when messages of a sink were moved into the dead-letter
 * store. Carries counts only, never message content.
 *
 * @param sinkName the sink's name when it was known, else its id as text
 */
public record DeadLettersStored(UUID sinkId, String sinkName, int count) {
}
