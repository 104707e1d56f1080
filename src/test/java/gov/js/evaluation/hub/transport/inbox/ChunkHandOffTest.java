package gov.js.evaluation.hub.transport.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one-slot hand-off between checking and storing the chunks of a file import. */
class ChunkHandOffTest {

    @Test
    void storesInOrderWhileTheNextChunkIsPrepared() throws InterruptedException {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch preparing = new CountDownLatch(1);
        try (ChunkHandOff<Integer> handOff = new ChunkHandOff<>("test-store", chunk -> {
            if (chunk == 1) {
                await(preparing); // chunk 1 is still being stored while chunk 2 is prepared
            }
            events.add("stored " + chunk + " in " + Thread.currentThread().getName());
        })) {
            handOff.handOver(() -> 1);
            handOff.handOver(() -> {
                events.add("prepared 2");
                preparing.countDown();
                return 2;
            });
            handOff.handOver(() -> 3);
            handOff.awaitStored();
        }
        assertThat(events).containsExactly("prepared 2", "stored 1 in test-store", "stored 2 in test-store", "stored 3 in test-store");
    }

    @Test
    void aFailureOfStoringComesBackAtTheNextHandOverAndNothingAfterItIsStored() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        try (ChunkHandOff<Integer> handOff = new ChunkHandOff<>("test-store", chunk -> {
            if (chunk == 2) {
                throw new IllegalStateException("store unavailable");
            }
            stored.add(chunk);
        })) {
            handOff.handOver(() -> 1);
            handOff.handOver(() -> 2);
            // preparing chunk 3 fails too, but the failure of chunk 2 came first
            assertThatThrownBy(() -> handOff.handOver(() -> {
                throw new IllegalArgumentException("chunk 3 is bad");
            })).isInstanceOf(IllegalStateException.class).hasMessage("store unavailable");
            handOff.awaitStored();
        }
        assertThat(stored).containsExactly(1);
    }

    @Test
    void aFailureOfPreparingWaitsForTheChunkBeingStored() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        try (ChunkHandOff<Integer> handOff = new ChunkHandOff<>("test-store", chunk -> {
            sleep(200);
            stored.add(chunk);
        })) {
            handOff.handOver(() -> 1);
            assertThatThrownBy(() -> handOff.handOver(() -> {
                throw new IllegalArgumentException("chunk 2 is bad");
            })).hasMessage("chunk 2 is bad");
            assertThat(stored).as("chunk 1 was stored before the failure came back").containsExactly(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
