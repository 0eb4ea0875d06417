package dev.sequin.sink;

/**
 * Where a sink's messages go. One record per destination type we deliver to; more types join this
 * sealed family as their modules arrive.
 */
public sealed interface Destination permits WebhookDestination, SequinStreamDestination {

    /** The {@code destination.type} of the API and {@code sequin.yaml}, e.g. {@code "webhook"}. */
    String type();
}
