package dev.rolegate.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PolicyDocument} as canonical JSON: compact, fields in a fixed order
 * ({@code apiVersion, services, identities, roles, bindings}; within each object the order of the
 * schema), maps and lists in document order, every section and list present, absent descriptions
 * omitted. The same document always gives the same bytes, which is what the policy bundle's digest
 * relies on.
 */
final class CanonicalJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    static String write(PolicyDocument doc) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("apiVersion", PolicyDocument.API_VERSION);
            g.writeObjectFieldStart("services");
            for (PolicyDocument.ServiceDef s : values(doc.services())) {
                g.writeObjectFieldStart(s.name());
                writeStrings(g, "addresses", s.addresses());
                writeStrings(g, "public", s.publicRequests());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("identities");
            for (PolicyDocument.IdentityDef i : values(doc.identities())) {
                g.writeObjectFieldStart(i.name());
                writeOptional(g, "kind", i.kind());
                writeOptional(g, "description", i.description());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("roles");
            for (PolicyDocument.RoleDef r : values(doc.roles())) {
                g.writeObjectFieldStart(r.name());
                writeOptional(g, "description", r.description());
                g.writeArrayFieldStart("allow");
                for (PolicyDocument.Rule rule : r.allow() == null ? List.<PolicyDocument.Rule>of() : r.allow()) {
                    g.writeStartObject();
                    writeOptional(g, "service", rule.service());
                    writeStrings(g, "methods", rule.methods());
                    writeStrings(g, "paths", rule.paths());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("bindings");
            for (PolicyDocument.Binding b : doc.bindings() == null ? List.<PolicyDocument.Binding>of() : doc.bindings()) {
                g.writeStartObject();
                writeOptional(g, "role", b.role());
                writeStrings(g, "identities", b.identities());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            // A StringWriter does not fail; this only satisfies the generator's signature.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static <T> Iterable<T> values(Map<String, T> map) {
        return map == null ? List.of() : map.values();
    }

    private static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values == null ? List.<String>of() : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
