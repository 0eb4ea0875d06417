package dev.sequin.message;

import java.util.List;

/** Builders for change messages in tests: one place, so tests say only what matters to them. */
public final class Changes {

    private Changes() {
    }

    /** An insert into {@code public.orders} of {@code {"id": <id>}} at the given position. */
    public static ChangeMessage insert(long commitLsn, int commitIdx, String id) {
        return new ChangeMessage(Action.INSERT, new TableName("public", "orders"), Lsn.of(commitLsn), commitIdx,
                1_730_151_421_127_470L, List.of("id"), java.util.Collections.singletonList(id),
                "{\"id\":" + id + "}", null, List.of(id), null);
    }
}
