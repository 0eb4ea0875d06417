package dev.sequin.delivery.queue;

import java.util.List;

/**
 * Messages handed to a sink client together. Messages of one group appear in commit order, and no
 * other message of their groups is in flight meanwhile.
 */
public record DeliveryBatch(List<QueuedMessage> messages) {

    public DeliveryBatch {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A batch holds at least one message");
        }
    }

    public int size() {
        return messages.size();
    }
}
