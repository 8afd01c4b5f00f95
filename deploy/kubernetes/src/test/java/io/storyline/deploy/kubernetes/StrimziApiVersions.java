package io.storyline.deploy.kubernetes;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which fields of Strimzi's model exist in which API version. Strimzi's classes serve v1beta2 and v1 at
 * once and mark each property with {@code @PresentInVersions("v1beta2")}, {@code @DeprecatedProperty} and
 * so on; its CRDs are generated from those marks. The annotation types ship in io.strimzi:crd-generator,
 * which is not published, so reflection cannot see them: they are read from the class files with ASM.
 */
final class StrimziApiVersions {

    private static final String PRESENT_IN = "Lio/strimzi/crdgenerator/annotations/PresentInVersions;";
    private static final String DEPRECATED = "Lio/strimzi/api/annotations/DeprecatedProperty;";
    private static final String DEPRECATED_TYPE = "Lio/strimzi/api/annotations/DeprecatedType;";

    /** The version marks of one property or class. */
    record Marks(String presentIn, boolean deprecated) {
    }

    private record ClassMarks(Marks type, Map<String, Marks> properties) {
    }

    private static final Map<Class<?>, ClassMarks> CACHE = new ConcurrentHashMap<>();

    private StrimziApiVersions() {
    }

    /**
     * Every property set in {@code resource} (a Strimzi custom resource of API version {@code version},
     * e.g. "v1") that does not exist in that version or is deprecated there, as "path: why".
     */
    static List<String> problems(Object resource, String version) {
        List<String> problems = new ArrayList<>();
        walk(resource, version, resource.getClass().getSimpleName(), problems);
        return problems;
    }

    private static void walk(Object value, String version, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                walk(item, version, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, version, path + "." + k, problems));
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.strimzi.api.")) {
            return;
        }
        ClassMarks marks = marks(type);
        if (marks.type() != null) {
            check(marks.type(), version, path + " (" + type.getSimpleName() + ")", problems);
        }
        for (Method getter : type.getMethods()) {
            String property = property(getter);
            if (property == null || property.equals("status") || property.equals("additionalProperties")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + path + "." + property, e);
            }
            if (isSet(child)) {
                Marks propertyMarks = marksOf(type, property);
                if (propertyMarks != null) {
                    check(propertyMarks, version, path + "." + property, problems);
                }
                walk(child, version, path + "." + property, problems);
            }
        }
    }

    private static void check(Marks marks, String version, String path, List<String> problems) {
        if (marks.presentIn() != null && !inRange(version, marks.presentIn())) {
            problems.add(path + ": not part of API version " + version + " (present in " + marks.presentIn() + ")");
        }
        if (marks.deprecated()) {
            problems.add(path + ": deprecated");
        }
    }

    private static boolean isSet(Object child) {
        if (child == null) {
            return false;
        }
        if (child instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (child instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static String property(Method method) {
        if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class
                || method.getReturnType().isPrimitive() && method.getReturnType() != boolean.class) {
            return null;
        }
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3) {
            return Introspector.decapitalize(name.substring(3));
        }
        return null;
    }

    private static Marks marksOf(Class<?> type, String property) {
        for (Class<?> c = type; c != null && c.getName().startsWith("io.strimzi."); c = c.getSuperclass()) {
            Marks marks = marks(c).properties().get(property);
            if (marks != null) {
                return marks;
            }
        }
        return null;
    }

    private static ClassMarks marks(Class<?> type) {
        return CACHE.computeIfAbsent(type, StrimziApiVersions::read);
    }

    private static ClassMarks read(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file of " + type.getName() + " not found");
            }
            Map<String, Marks> properties = new HashMap<>();
            Marks[] typeMarks = new Marks[1];
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    return collector(descriptor, marks -> typeMarks[0] = merge(typeMarks[0], marks));
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    return new FieldVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            return collector(annotation, marks -> properties.merge(name, marks, StrimziApiVersions::merge));
                        }
                    };
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    if (!name.startsWith("get") || !descriptor.startsWith("()") || name.length() <= 3) {
                        return null;
                    }
                    String property = Introspector.decapitalize(name.substring(3));
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            return collector(annotation, marks -> properties.merge(property, marks, StrimziApiVersions::merge));
                        }
                    };
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
            return new ClassMarks(typeMarks[0], properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AnnotationVisitor collector(String descriptor, java.util.function.Consumer<Marks> sink) {
        if (descriptor.equals(DEPRECATED) || descriptor.equals(DEPRECATED_TYPE)) {
            sink.accept(new Marks(null, true));
            return null;
        }
        if (!descriptor.equals(PRESENT_IN)) {
            return null;
        }
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                if ("value".equals(name)) {
                    sink.accept(new Marks((String) value, false));
                }
            }
        };
    }

    private static Marks merge(Marks a, Marks b) {
        if (a == null) {
            return b;
        }
        return new Marks(a.presentIn() != null ? a.presentIn() : b.presentIn(), a.deprecated() || b.deprecated());
    }

    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    /** Strimzi's version ranges: "v1beta2", "v1+", "v1alpha1-v1beta2". */
    static boolean inRange(String version, String range) {
        String r = range.trim();
        if (r.endsWith("+")) {
            return compare(version, r.substring(0, r.length() - 1)) >= 0;
        }
        int dash = r.indexOf('-');
        if (dash > 0) {
            return compare(version, r.substring(0, dash)) >= 0 && compare(version, r.substring(dash + 1)) <= 0;
        }
        return compare(version, r) == 0;
    }

    /** Kubernetes version order: v1alpha1 < v1beta1 < v1beta2 < v1 < v2alpha1. */
    static int compare(String a, String b) {
        long[] x = rank(a);
        long[] y = rank(b);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                return Long.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static long[] rank(String version) {
        Matcher m = VERSION.matcher(version.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes API version: " + version);
        }
        long stability = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
        long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return new long[] {Long.parseLong(m.group(1)), stability, minor};
    }
}
