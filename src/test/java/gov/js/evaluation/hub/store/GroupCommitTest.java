package gov.js.evaluation.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.node.JsonNodeFactory;

/** The group commit on its own: who shares a transaction, and who hears of a failure. */
class GroupCommitTest {

    private final List<List<IngestBatch>> transactions = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private GroupCommit group;

    @AfterEach
    void close() {
        releaseFirst.countDown();
        if (group != null) {
            group.close();
        }
    }

    @Test
    void waitingRequestsShareOneTransactionAndEachIsAnsweredAfterIt() throws Exception {
        group = new GroupCommit(storing(b -> false, null), 1, 100);
        CompletableFuture<Void> blocker = submit(batch("blocker"));
        awaitTransactions(1); // the writer is busy with the blocker; the others queue up behind it
        List<IngestBatch> batches = new ArrayList<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            IngestBatch b = batch("r" + i);
            batches.add(b);
            answers.add(submit(b));
        }
        awaitQueued(5);
        assertThat(answers).noneMatch(CompletableFuture::isDone); // nobody is answered before the commit
        releaseFirst.countDown();
        blocker.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Void> a : answers) {
            a.get(5, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(1)).containsExactlyInAnyOrderElementsOf(batches);
        assertThat(batches).allSatisfy(b -> assertThat(b.records().get(0).status()).isEqualTo(RecordStatus.ACCEPTED));
    }

    @Test
    void oneBadRequestDoesNotFailTheOthersOfItsGroup() throws Exception {
        group = new GroupCommit(storing(b -> b.receiptId().startsWith("bad"), new IllegalArgumentException("value too long")), 1, 100);
        CompletableFuture<Void> blocker = submit(batch("blocker"));
        awaitTransactions(1);
        IngestBatch good1 = batch("good1");
        IngestBatch bad = batch("bad");
        IngestBatch good2 = batch("good2");
        CompletableFuture<Void> a1 = submit(good1);
        CompletableFuture<Void> ab = submit(bad);
        CompletableFuture<Void> a2 = submit(good2);
        awaitQueued(3);
        releaseFirst.countDown();
        blocker.get(5, TimeUnit.SECONDS);
        a1.get(5, TimeUnit.SECONDS);
        a2.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> ab.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(good1.records().get(0).status()).isEqualTo(RecordStatus.ACCEPTED);
        assertThat(good2.records().get(0).status()).isEqualTo(RecordStatus.ACCEPTED);
        assertThat(bad.records().get(0).status()).isNull();
    }

    @Test
    void whenTheStoreIsUnavailableEveryRequestOfTheGroupFailsAndNothingIsAccepted() throws Exception {
        group = new GroupCommit(storing(b -> !b.receiptId().equals("blocker"), new CannotCreateTransactionException("down")), 1, 100);
        CompletableFuture<Void> blocker = submit(batch("blocker"));
        awaitTransactions(1);
        List<IngestBatch> batches = new ArrayList<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            IngestBatch b = batch("r" + i);
            batches.add(b);
            answers.add(submit(b));
        }
        awaitQueued(4);
        releaseFirst.countDown();
        blocker.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Void> a : answers) {
            assertThatThrownBy(() -> a.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CannotCreateTransactionException.class);
        }
        assertThat(batches).allSatisfy(b -> assertThat(b.records().get(0).status()).isNull());
        assertThat(transactions).hasSize(2); // the blocker's and the failed group's: not tried one by one
    }

    /** A fake store: fails a transaction holding a batch {@code failing} picks, else accepts everything. */
    private Consumer<List<IngestBatch>> storing(java.util.function.Predicate<IngestBatch> failing, RuntimeException failure) {
        return batches -> {
            transactions.add(batches);
            if (batches.stream().anyMatch(b -> b.receiptId().equals("blocker"))) {
                try {
                    releaseFirst.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (batches.stream().anyMatch(failing)) {
                throw failure;
            }
            gov.js.evaluation.hub.ingest.Verdicts verdicts = new gov.js.evaluation.hub.ingest.Verdicts();
            batches.forEach(b -> b.records().forEach(r -> verdicts.accepted(r, UUID.randomUUID())));
            verdicts.settle(batches);
        };
    }

    private CompletableFuture<Void> submit(IngestBatch batch) {
        return CompletableFuture.runAsync(() -> group.store(batch));
    }

    private static IngestBatch batch(String id) {
        IngestBatch batch = new IngestBatch(id, null, null, false, Instant.now(), new byte[0]);
        batch.records().add(new IngestRecord(SourceRecord.parsed(0, JsonNodeFactory.instance.objectNode(), "{}")));
        return batch;
    }

    private void awaitTransactions(int n) throws InterruptedException {
        for (int i = 0; i < 500 && transactions.size() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(transactions).hasSizeGreaterThanOrEqualTo(n);
    }

    private void awaitQueued(int n) throws InterruptedException {
        for (int i = 0; i < 500 && group.waiting() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(group.waiting()).isEqualTo(n);
    }
}
