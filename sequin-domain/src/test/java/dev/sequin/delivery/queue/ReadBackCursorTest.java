package dev.sequin.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import org.junit.jupiter.api.Test;

class ReadBackCursorTest {

    private final ReadBackCursor cursor = new ReadBackCursor();

    private static Position at(long lsn) {
        return new Position(Lsn.of(lsn), 0);
    }

    @Test
    void theFirstReadStartsAtTheBeginningAndEachNextOneAfterTheLastRowRead() {
        assertThat(cursor.next()).isEqualTo(ReadBackCursor.BEFORE_ALL);
        cursor.advance(at(500));
        assertThat(cursor.next()).isEqualTo(at(500));
        cursor.advance(at(900));
        assertThat(cursor.next()).isEqualTo(at(900));
    }

    @Test
    void rowsStoredAboveTheCursorAreReadFromIt() {
        cursor.next();
        cursor.advance(at(500));
        cursor.appended(at(600));
        assertThat(cursor.next()).isEqualTo(at(500));
    }

    @Test
    void aRowStoredAtOrBelowTheCursorRestartsTheNextReadFromTheBeginning() {
        cursor.next();
        cursor.advance(at(500));
        cursor.appended(at(700));
        cursor.appended(at(300)); // e.g. a failing message stored, or a change re-sent after a restart
        assertThat(cursor.next()).as("commit order per group wins over speed").isEqualTo(ReadBackCursor.BEFORE_ALL);

        cursor.advance(at(200));
        cursor.appended(at(200));
        assertThat(cursor.next()).as("at the cursor counts as below").isEqualTo(ReadBackCursor.BEFORE_ALL);
    }

    @Test
    void aRowStoredWhileAReadWasUnderWayIsNotSkippedEvenIfThatPageWentPastIt() {
        assertThat(cursor.next()).isEqualTo(ReadBackCursor.BEFORE_ALL);
        // The page query's snapshot missed a row at 300 that committed meanwhile; the page ran to 500.
        cursor.appended(at(300));
        cursor.advance(at(500));
        assertThat(cursor.appendedSinceRead()).as("the backlog may not be all in memory yet").isTrue();
        assertThat(cursor.next()).isEqualTo(ReadBackCursor.BEFORE_ALL);
        assertThat(cursor.appendedSinceRead()).isFalse();
    }

    @Test
    void aRestartReadsFromTheBeginningOnce() {
        cursor.next();
        cursor.advance(at(500));
        cursor.restart(); // dead letters replayed, or a spill took stored messages out of memory
        assertThat(cursor.next()).isEqualTo(ReadBackCursor.BEFORE_ALL);
        cursor.advance(at(100));
        assertThat(cursor.next()).isEqualTo(at(100));
    }
}
