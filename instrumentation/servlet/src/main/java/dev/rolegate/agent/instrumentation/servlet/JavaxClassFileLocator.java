package dev.rolegate.agent.instrumentation.servlet;

import java.io.IOException;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * Serves the {@code javax.servlet} variant of this package's advice and helpers: asked for
 * {@code dev.rolegate.agent.instrumentation.servlet.javax.X}, it reads the class file of
 * {@code dev.rolegate.agent.instrumentation.servlet.X} (written against {@code jakarta.servlet}) and
 * renames {@code jakarta/servlet/} to {@code javax/servlet/} and this package to its {@code javax}
 * sub-package throughout.
 *
 * <p>Why remapping rather than two source copies: the two APIs differ only in their package name for
 * everything the advice and helpers use, so one source is tested once and cannot drift. The derived
 * classes get their own names so that an application with both APIs on its class path (a container
 * that bridges them) gets two distinct helper sets.
 */
final class JavaxClassFileLocator implements ClassFileLocator {
    static final String BASE_PACKAGE = "dev.rolegate.agent.instrumentation.servlet.";
    static final String JAVAX_PACKAGE = BASE_PACKAGE + "javax.";

    private static final String BASE_INTERNAL = BASE_PACKAGE.replace('.', '/');
    private static final String JAVAX_INTERNAL = JAVAX_PACKAGE.replace('.', '/');
    private static final String JAKARTA_API = "jakarta/servlet/";
    private static final String JAVAX_API = "javax/servlet/";

    private final ClassFileLocator source;

    /** @param source where the jakarta originals are found (the agent's class loader) */
    JavaxClassFileLocator(ClassFileLocator source) {
        this.source = source;
    }

    @Override
    public Resolution locate(String name) throws IOException {
        if (!name.startsWith(JAVAX_PACKAGE) || name.indexOf('.', JAVAX_PACKAGE.length()) >= 0) {
            return new Resolution.Illegal(name);
        }
        Resolution original = source.locate(BASE_PACKAGE + name.substring(JAVAX_PACKAGE.length()));
        return original.isResolved() ? new Resolution.Explicit(remap(original.resolve())) : new Resolution.Illegal(name);
    }

    /** The class file with every jakarta servlet type and every class of this package renamed. */
    static byte[] remap(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, new JakartaToJavax()), 0);
        return writer.toByteArray();
    }

    @Override
    public void close() {
        // the source locator belongs to the caller
    }

    /** Renames by prefix; SimpleRemapper would need every API type listed by name. */
    static final class JakartaToJavax extends Remapper {
        JakartaToJavax() {
            super(net.bytebuddy.jar.asm.Opcodes.ASM9);
        }

        @Override
        public String map(String internalName) {
            if (internalName.startsWith(JAKARTA_API)) {
                return JAVAX_API + internalName.substring(JAKARTA_API.length());
            }
            if (internalName.startsWith(BASE_INTERNAL) && internalName.indexOf('/', BASE_INTERNAL.length()) < 0) {
                return JAVAX_INTERNAL + internalName.substring(BASE_INTERNAL.length());
            }
            return internalName;
        }
    }
}
