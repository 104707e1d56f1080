package gov.js.evaluation.hub.kit;

import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.invitation.InvitationLookup;
import gov.js.evaluation.hub.invitation.SmsInvitation;
import gov.js.evaluation.hub.schema.ChinaTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Java adapters may ask the hub, for the examples kit: fixtures in
 * {@code adapters/<id>/examples/context/}. {@code invitations.json} lists SMS invitations
 * {@code [{phone, sentAt, answeredBy?, case: {national fields}}]}.
 */
final class ExampleContext {

    private ExampleContext() {
    }

    static AdapterContext fromFolders(Path adapters) {
        List<Entry> invitations = new ArrayList<>();
        try (Stream<Path> folders = Files.list(adapters)) {
            for (Path file : folders.map(f -> f.resolve("examples/context/invitations.json")).filter(Files::isRegularFile).toList()) {
                for (JsonNode i : JsonMapper.builder().build().readTree(file.toFile())) {
                    String answered = i.path("answeredBy").asString(null);
                    invitations.add(new Entry(i.path("phone").asString(), new SmsInvitation(
                            UUID.nameUUIDFromBytes((i.path("phone").asString() + i.path("sentAt").asString()).getBytes()),
                            "examples", (ObjectNode) i.path("case"), ChinaTime.parse(i.path("sentAt").asString()).orElseThrow(),
                            answered == null ? null : UUID.fromString(answered))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the examples' source sent every fixture invitation
        InvitationLookup lookup = (sourceId, phone, repliedAt) -> invitations.stream().filter(e -> e.phone().equals(phone))
                .map(Entry::invitation).filter(i -> !i.sentAt().isAfter(repliedAt)).max(Comparator.comparing(SmsInvitation::sentAt));
        return new AdapterContext() {
            @Override
            public <T> Optional<T> service(Class<T> type) {
                return type == InvitationLookup.class ? Optional.of(type.cast(lookup)) : Optional.empty();
            }
        };
    }

    private record Entry(String phone, SmsInvitation invitation) {
    }
}
