package dev.rolegate.server.auth;

import java.util.Map;

/**
 * What a client presented to authenticate: the {@code Authorization} header (or null) and the form
 * fields of the request body (empty for a GET). {@code private_key_jwt} reads
 * {@code client_assertion} from the form; Basic reads the header.
 */
public record ClientAuthRequest(String authorization, Map<String, String> form) {
}
