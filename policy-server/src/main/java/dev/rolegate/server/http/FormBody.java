package dev.rolegate.server.http;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses an {@code application/x-www-form-urlencoded} body strictly, as OAuth requires: a parameter
 * given twice is an error (RFC 6749 section 3.2), as are bad UTF-8 and bad percent-encoding.
 */
public final class FormBody {
    private FormBody() {
    }

    /** Why a form body was refused; the message is safe to return to the client. */
    public static final class MalformedFormException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedFormException(String message) {
            super(message);
        }
    }

    /** Whether a {@code Content-Type} value is the form media type, parameters (charset) ignored. */
    public static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
        return mime.equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    public static Map<String, String> parse(byte[] body) throws MalformedFormException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("the form body is not UTF-8");
        }
        Map<String, String> result = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return result;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedFormException("the form body has malformed percent-encoding");
            }
            if (result.putIfAbsent(name, value) != null) {
                throw new MalformedFormException("parameter \"" + shorten(name) + "\" is given more than once");
            }
        }
        return result;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
