package dev.rolegate.agent.runtime.config;

import java.util.Map;
import java.util.Properties;

/**
 * One configured value and where it came from: the system property when set (it overrides), else
 * the environment variable. Blank values count as unset.
 *
 * @param value  the value, or null when unset
 * @param source how the user set it, for messages: {@code ROLEGATE_MODE} or {@code -Drolegate.mode}
 */
record Setting(String value, String source) {

    static Setting read(Map<String, String> env, Properties props, String envName, String propName) {
        String p = props.getProperty(propName);
        if (p != null && !p.isBlank()) {
            return new Setting(p, "-D" + propName);
        }
        String e = env.get(envName);
        if (e != null && !e.isBlank()) {
            return new Setting(e, envName);
        }
        return new Setting(null, envName);
    }

    boolean isSet() {
        return value != null;
    }
}
