package dev.sequin.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckRangesTest {

    private static Position p(long lsn, int idx) {
        return new Position(Lsn.of(lsn), idx);
    }

    @Test
    void consecutiveIndexesOfOneTransactionFoldIntoOneRange() {
        assertThat(AckRanges.of(List.of(p(200, 0), p(100, 2), p(100, 0), p(100, 1), p(100, 4), p(200, 1))))
                .containsExactly(new AckRanges.Range(Lsn.of(100), 0, 2), new AckRanges.Range(Lsn.of(100), 4, 4),
                        new AckRanges.Range(Lsn.of(200), 0, 1));
    }

    @Test
    void repeatedPositionsAndAnEmptyBatch() {
        assertThat(AckRanges.of(List.of(p(100, 3), p(100, 3), p(100, 4)))).containsExactly(new AckRanges.Range(Lsn.of(100), 3, 4));
        assertThat(AckRanges.of(List.of())).isEmpty();
    }
}
