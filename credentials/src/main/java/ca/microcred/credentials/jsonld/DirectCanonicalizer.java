package ca.microcred.credentials.jsonld;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.context.ActiveContextBuilder;
import com.apicatalog.jsonld.context.TermDefinition;
import com.apicatalog.jsonld.lang.Keywords;
import com.apicatalog.rdf.lang.RdfConstants;
import com.apicatalog.rdf.lang.XsdConstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Canonical N-Quads (JSON-LD toRdf, then RDFC-1.0 with SHA-256) computed straight from the JSON tree, for the
 * documents an issuer signs; everything else goes to {@link JsonLdCanonicalizer}, whose answer — N-Quads or
 * exception — this class always returns, byte for byte.
 *
 * <p>
 * Why it exists: the general pipeline builds an expanded document, a node map and an RDF dataset, processes
 * the type-scoped contexts of the VC and Open Badges contexts again for every typed node, and its RDFC-1.0
 * re-serialises quads on every comparison of the final sort. For a credential that costs about half a
 * millisecond of CPU, and an issuer signs thousands per completion.
 *
 * <p>
 * What it does instead: walks the document once with the processed titanium {@link ActiveContext}s (the
 * top-level one from {@link JsonLdCanonicalizer}, the type- and property-scoped ones derived by titanium's own
 * context processing and remembered per parent context), emits the RDF statements JSON-LD 1.1 expansion and
 * toRdf would produce, and labels blank nodes in the order of their first-degree hashes (RDFC-1.0 §4.4 steps 4-5,
 * hashes by §4.6) when those are all distinct, which is the case for credentials: each blank node (subject,
 * identity object, result, alignment…) carries distinguishing values. Large nodes that repeat across documents (the
 * achievement of a completion) are remembered with their statements and blank-node hashes.
 *
 * <p>
 * It handles only node objects whose keys are terms of the active context mapping to an absolute IRI,
 * {@code @id} or {@code @type}; string, number and boolean values with no, {@code @id} or datatype coercion;
 * {@code @set} and {@code @list} containers; absolute-IRI node ids and types. Anything else — keywords written
 * in the document, nested or unknown contexts, undefined terms, relative IRIs, blank node identifiers, language
 * or direction, other containers, {@code @vocab} or {@code @json} coercion, reverse properties, nested arrays,
 * empty objects, duplicate statements about a blank node, blank nodes whose first-degree hashes collide, a
 * canonicalisation that would exceed the work budget — and any error at all, sends the document to
 * {@link JsonLdCanonicalizer}. Thread-safe; share one instance.
 */
public final class DirectCanonicalizer {

    private static final DirectCanonicalizer SHARED = new DirectCanonicalizer(JsonLdCanonicalizer.shared());

    /** Derived (scoped) contexts remembered; an issuer's documents need a few dozen. */
    private static final int MAX_DERIVED_CONTEXTS = 512;

    /**
     * Node objects that repeat across a batch — the embedded achievement, shared by every credential of a cohort
     * completion and the bulk of its statements — are remembered with their statements and the first-degree hashes
     * of their own blank nodes. Only large nodes with an IRI id are kept: their blank nodes appear in no statement
     * outside them, so those hashes do not depend on the rest of the document.
     */
    private static final int MAX_SUBTREES = 64;
    private static final int MIN_SUBTREE_KEYS = 8;
    private static final int MIN_SUBTREE_STATEMENTS = 16;

    private static final String BLANK_A = "_:a";
    private static final String BLANK_Z = "_:z";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final BigDecimal TEN_TO_21 = BigDecimal.ONE.movePointRight(21);

    /** titanium's pattern for the canonical xsd:double form; DecimalFormat is not thread-safe. */
    private static final ThreadLocal<DecimalFormat> XSD_DOUBLE = ThreadLocal.withInitial(() -> {
        DecimalFormat format = new DecimalFormat("0.0##############E0", new DecimalFormatSymbols(Locale.ENGLISH));
        format.setMinimumFractionDigits(1);
        return format;
    });

    private final JsonLdCanonicalizer reference;
    private final ConcurrentMap<DerivedKey, ActiveContext> derived = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubtreeKey, Subtree> subtrees = new ConcurrentHashMap<>();

    public DirectCanonicalizer(JsonLdCanonicalizer reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /** A canonicaliser over the bundled contexts, falling back to {@link JsonLdCanonicalizer#shared()}. */
    public static DirectCanonicalizer shared() {
        return SHARED;
    }

    /**
     * Canonical N-Quads of a JSON-LD document; exactly {@link JsonLdCanonicalizer#canonicalize(ObjectNode)}.
     *
     * @throws UnknownContextException if the document names a context that is not bundled
     * @throws JsonLdException         if the document is not valid JSON-LD or cannot be canonicalised
     */
    public String canonicalize(ObjectNode document) {
        String direct = tryDirect(document);
        return direct != null ? direct : reference.canonicalize(document);
    }

    /** Canonical N-Quads; exactly {@link JsonLdCanonicalizer#canonicalize(JsonObject)}. */
    public String canonicalize(JsonObject document) {
        String direct;
        try {
            direct = tryDirect(JsonInterop.toJackson(document));
        } catch (RuntimeException e) {
            direct = null;
        }
        return direct != null ? direct : reference.canonicalize(document);
    }

    /** The canonical N-Quads, or null when the document is outside what this class handles. */
    String tryDirect(ObjectNode document) {
        try {
            JsonNode context = document.get(Keywords.CONTEXT);
            if (context == null) {
                return null;
            }
            ActiveContext active = reference.activeContext(JsonInterop.toJakarta(context));
            Statements statements = new Statements();
            statements.node(document, active, null, true);
            return statements.canonical();
        } catch (Unsupported | JsonLdError | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private ActiveContext derive(ActiveContext parent, JsonValue local, URI base, int mode) throws JsonLdError {
        DerivedKey key = new DerivedKey(parent, local, base, mode);
        ActiveContext cached = derived.get(key);
        if (cached != null) {
            return cached;
        }
        ActiveContextBuilder builder = parent.newContext();
        if (mode == DerivedKey.PROPERTY_SCOPED_NODE) {
            builder.overrideProtected(true);
        } else if (mode == DerivedKey.TYPE_SCOPED) {
            builder.propagate(false);
        }
        ActiveContext created = builder.create(local, base);
        if (derived.size() < MAX_DERIVED_CONTEXTS) {
            derived.putIfAbsent(key, created);
        }
        return created;
    }

    /** The statements of one document, then their canonical form. Not thread-safe: one per call. */
    private final class Statements {

        private final List<Quad> quads = new ArrayList<>(128);
        private int blankNodes;
        /** First-degree hashes known from remembered subtrees, by blank node number. */
        private String[] knownHashes = new String[0];

        /**
         * Emits a node object's statements and returns it as an object of its parent's statement. Mirrors
         * titanium's ObjectExpansion steps 3 and 7-13 and the node map.
         *
         * @param ctx            the active context the element is expanded with
         * @param activeProperty the key the element is the value of (null for the document)
         */
        Ref node(ObjectNode element, ActiveContext ctx, String activeProperty, boolean root)
                throws JsonLdError, Unsupported {
            if (element.isEmpty()) {
                throw Unsupported.INSTANCE;
            }
            String[] keys = new String[element.size() - (root && element.has(Keywords.CONTEXT) ? 1 : 0)];
            int k = 0;
            for (Iterator<String> names = element.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (root && Keywords.CONTEXT.equals(name)) {
                    continue;
                }
                if (name.isEmpty() || name.charAt(0) == '@') {
                    throw Unsupported.INSTANCE;
                }
                keys[k++] = name;
            }
            if (keys.length == 0) {
                throw Unsupported.INSTANCE;
            }
            // step 3: the property-scoped context is looked up before the type-scoped one is dropped
            JsonValue propertyContext = activeProperty == null ? null
                    : ctx.getTerm(activeProperty).map(TermDefinition::getLocalContext).orElse(null);
            // step 7: type-scoped contexts do not reach nested nodes (a bare reference keeps them)
            if (ctx.getPreviousContext() != null) {
                boolean revert = true;
                for (String key : keys) {
                    String mapping = ctx.getTerm(key).map(TermDefinition::getUriMapping).orElse(null);
                    if (Keywords.VALUE.equals(mapping)) {
                        throw Unsupported.INSTANCE;
                    }
                    if (Keywords.ID.equals(mapping) && keys.length == 1) {
                        revert = false;
                        break;
                    }
                }
                if (revert) {
                    ctx = ctx.getPreviousContext();
                }
            }
            // step 8
            if (propertyContext != null) {
                URI base = ctx.getTerm(activeProperty).map(TermDefinition::getBaseUrl).orElse(null);
                ctx = derive(ctx, propertyContext, base, DerivedKey.PROPERTY_SCOPED_NODE);
            }
            // steps 10-11: each key is expanded with the context as it stands, as titanium does
            ActiveContext typeContext = ctx;
            String[] sorted = keys.clone();
            Arrays.sort(sorted);
            String typeKey = null;
            for (String key : sorted) {
                if (!Keywords.TYPE.equals(ctx.getTerm(key).map(TermDefinition::getUriMapping).orElse(null))) {
                    continue;
                }
                if (typeKey != null) {
                    throw Unsupported.INSTANCE;
                }
                typeKey = key;
                String[] types = strings(element.get(key));
                Arrays.sort(types);
                for (String type : types) {
                    JsonValue local = typeContext.getTerm(type).map(TermDefinition::getLocalContext).orElse(null);
                    if (local != null) {
                        URI base = ctx.getTerm(type).map(TermDefinition::getBaseUrl).orElse(null);
                        ctx = derive(ctx, local, base, DerivedKey.TYPE_SCOPED);
                    }
                }
            }

            // step 13, with the node map's subject: @id first, then @type, then the properties
            Ref subject = null;
            TermDefinition[] terms = new TermDefinition[keys.length];
            for (int i = 0; i < keys.length; i++) {
                TermDefinition term = ctx.getTerm(keys[i]).orElseThrow(Unsupported::get);
                String mapping = term.getUriMapping();
                if (mapping == null) {
                    throw Unsupported.INSTANCE;
                }
                if (keys[i].equals(typeKey) != Keywords.TYPE.equals(mapping)) {
                    // a type-scoped context changed what a key means
                    throw Unsupported.INSTANCE;
                }
                if (Keywords.ID.equals(mapping)) {
                    JsonNode id = element.get(keys[i]);
                    if (subject != null || !id.isTextual()) {
                        throw Unsupported.INSTANCE;
                    }
                    subject = Ref.iri(expandId(ctx, id.textValue()));
                } else if (!Keywords.TYPE.equals(mapping)) {
                    if (mapping.charAt(0) == '@' || mapping.startsWith("_:") || !ExpandedGraphGuard.isAbsoluteIri(mapping)
                            || term.isReverseProperty()) {
                        throw Unsupported.INSTANCE;
                    }
                    terms[i] = term;
                }
            }
            if (subject == null) {
                subject = Ref.blank(blankNodes++);
            }
            if (typeKey != null) {
                for (String type : strings(element.get(typeKey))) {
                    add(new Quad(subject, RdfConstants.TYPE, Ref.iri(expandType(typeContext, type)), null));
                }
            }
            for (int i = 0; i < keys.length; i++) {
                if (terms[i] != null) {
                    property(subject, keys[i], terms[i], element.get(keys[i]), ctx);
                }
            }
            return subject;
        }

        private void property(Ref subject, String key, TermDefinition term, JsonNode value, ActiveContext ctx)
                throws JsonLdError, Unsupported {
            String predicate = term.getUriMapping();
            boolean list = false;
            for (String container : term.getContainerMapping()) {
                if (Keywords.LIST.equals(container)) {
                    list = true;
                } else if (!Keywords.SET.equals(container)) {
                    throw Unsupported.INSTANCE;
                }
            }
            String typeMapping = term.getTypeMapping();
            if (typeMapping != null && !Keywords.ID.equals(typeMapping)
                    && (typeMapping.charAt(0) == '@' || !ExpandedGraphGuard.isAbsoluteIri(typeMapping))) {
                throw Unsupported.INSTANCE;
            }
            if (value.isNull()) {
                return;
            }
            List<Object> items = new ArrayList<>(value.isArray() ? value.size() : 1);
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isArray()) {
                        throw Unsupported.INSTANCE;
                    }
                    if (!item.isNull()) {
                        items.add(item(key, term, item, ctx));
                    }
                }
            } else {
                items.add(item(key, term, value, ctx));
            }
            if (!list) {
                for (Object item : items) {
                    add(new Quad(subject, predicate, item));
                }
                return;
            }
            if (items.isEmpty()) {
                add(new Quad(subject, predicate, Ref.iri(RdfConstants.NIL), null));
                return;
            }
            Ref head = Ref.blank(blankNodes++);
            add(new Quad(subject, predicate, head, null));
            for (int i = 0; i < items.size(); i++) {
                add(new Quad(head, RdfConstants.FIRST, items.get(i)));
                Ref rest = i + 1 < items.size() ? Ref.blank(blankNodes++) : Ref.iri(RdfConstants.NIL);
                add(new Quad(head, RdfConstants.REST, rest, null));
                head = rest;
            }
        }

        /** {@link #node} for a node object that may repeat across documents. */
        private Ref rememberedNode(ObjectNode item, ActiveContext ctx, String key) throws JsonLdError, Unsupported {
            SubtreeKey lookup = new SubtreeKey(ctx, key, item);
            Subtree known = subtrees.get(lookup);
            if (known != null) {
                int offset = blankNodes;
                blankNodes += known.blankNodes;
                for (Quad quad : known.quads) {
                    quads.add(quad.shift(offset));
                }
                if (knownHashes.length < blankNodes) {
                    knownHashes = Arrays.copyOf(knownHashes, Math.max(blankNodes, knownHashes.length * 2));
                }
                System.arraycopy(known.hashes, 0, knownHashes, offset, known.blankNodes);
                return known.root;
            }
            int firstQuad = quads.size();
            int firstBlank = blankNodes;
            Ref root = node(item, ctx, key, false);
            if (root.blank < 0 && quads.size() - firstQuad >= MIN_SUBTREE_STATEMENTS) {
                Quad[] own = new Quad[quads.size() - firstQuad];
                for (int i = 0; i < own.length; i++) {
                    own[i] = quads.get(firstQuad + i).shift(-firstBlank);
                }
                Subtree subtree = new Subtree(root, own, blankNodes - firstBlank);
                if (subtrees.size() >= MAX_SUBTREES) {
                    subtrees.clear();
                }
                subtrees.putIfAbsent(new SubtreeKey(ctx, key, item.deepCopy()), subtree);
            }
            return root;
        }

        /** A node ({@link Ref}) or a literal ({@link Literal}) for one array item or value. */
        private Object item(String key, TermDefinition term, JsonNode item, ActiveContext ctx)
                throws JsonLdError, Unsupported {
            if (item.isObject()) {
                if (item.size() < MIN_SUBTREE_KEYS || !item.has("id")) {
                    return node((ObjectNode) item, ctx, key, false);
                }
                return rememberedNode((ObjectNode) item, ctx, key);
            }
            if (!item.isTextual() && !item.isNumber() && !item.isBoolean()) {
                throw Unsupported.INSTANCE;
            }
            // titanium's ScalarExpansion: the property-scoped context applies, protected terms included
            ActiveContext valueContext = ctx;
            TermDefinition valueTerm = term;
            if (term.getLocalContext() != null) {
                valueContext = derive(ctx, term.getLocalContext(), term.getBaseUrl(), DerivedKey.PROPERTY_SCOPED_VALUE);
                valueTerm = valueContext.getTerm(key).orElse(null);
            }
            return scalar(item, valueContext, valueTerm);
        }

        /** titanium's ValueExpansion followed by its RDF literal conversion. */
        private Object scalar(JsonNode item, ActiveContext ctx, TermDefinition term) throws Unsupported {
            String typeMapping = term == null ? null : term.getTypeMapping();
            if (Keywords.ID.equals(typeMapping)) {
                if (!item.isTextual()) {
                    throw Unsupported.INSTANCE;
                }
                return Ref.iri(expandId(ctx, item.textValue()));
            }
            if (typeMapping != null && (typeMapping.charAt(0) == '@' || !ExpandedGraphGuard.isAbsoluteIri(typeMapping))) {
                throw Unsupported.INSTANCE;
            }
            if (ctx.getDefaultLanguage() != null || ctx.getDefaultBaseDirection() != null
                    || term != null && (term.getLanguageMapping() != null || term.getDirectionMapping() != null)) {
                throw Unsupported.INSTANCE;
            }
            String datatype = typeMapping;
            if (item.isTextual()) {
                return new Literal(item.textValue(), datatype != null ? datatype : XsdConstants.STRING);
            }
            if (item.isBoolean()) {
                return new Literal(item.booleanValue() ? "true" : "false",
                        datatype != null ? datatype : XsdConstants.BOOLEAN);
            }
            JsonNumber number = (JsonNumber) JsonInterop.toJakarta(item);
            if ((!number.isIntegral() && number.doubleValue() % -1 != 0)
                    || XsdConstants.DOUBLE.equals(datatype)
                    || XsdConstants.FLOAT.equals(datatype)
                    || number.bigDecimalValue().compareTo(TEN_TO_21) >= 0) {
                return new Literal(XSD_DOUBLE.get().format(number.bigDecimalValue()),
                        datatype != null ? datatype : XsdConstants.DOUBLE);
            }
            return new Literal(number.bigIntegerValue().toString(), datatype != null ? datatype : XsdConstants.INTEGER);
        }

        private void add(Quad quad) {
            quads.add(quad);
        }

        /** RDFC-1.0 when every blank node's first-degree hash is unique (§4.4 issues them all in hash order). */
        String canonical() throws Unsupported {
            // the dataset is a set; a statement about a blank node made twice would count twice in its hash
            Set<Quad> unique = new HashSet<>(quads.size() * 2);
            List<Quad> distinct = new ArrayList<>(quads.size());
            for (Quad quad : quads) {
                if (unique.add(quad)) {
                    distinct.add(quad);
                } else if (quad.subject.blank >= 0 || quad.objectRef != null && quad.objectRef.blank >= 0) {
                    throw Unsupported.INSTANCE;
                }
            }
            int[] counts = new int[blankNodes];
            long relatedTotal = 0;
            for (Quad quad : distinct) {
                if (quad.subject.blank >= 0) {
                    counts[quad.subject.blank]++;
                    relatedTotal++;
                }
                if (quad.objectRef != null && quad.objectRef.blank >= 0) {
                    counts[quad.objectRef.blank]++;
                    relatedTotal++;
                }
            }
            Quad[][] related = new Quad[blankNodes][];
            int present = 0;
            for (int b = 0; b < blankNodes; b++) {
                if (counts[b] > 0) {
                    related[b] = new Quad[counts[b]];
                    present++;
                }
            }
            // titanium-rdfc's ticks on this path: one to start, two rounds, one per related quad and per hash
            if (3 + present + relatedTotal > JsonLdCanonicalizer.MAX_CANON_TICKS) {
                throw Unsupported.INSTANCE;
            }
            int[] filled = new int[blankNodes];
            for (Quad quad : distinct) {
                if (quad.subject.blank >= 0) {
                    related[quad.subject.blank][filled[quad.subject.blank]++] = quad;
                }
                if (quad.objectRef != null && quad.objectRef.blank >= 0) {
                    related[quad.objectRef.blank][filled[quad.objectRef.blank]++] = quad;
                }
            }
            MessageDigest digest = sha256();
            String[] hashes = new String[blankNodes];
            Integer[] order = new Integer[present];
            int o = 0;
            for (int b = 0; b < blankNodes; b++) {
                if (related[b] == null) {
                    continue;
                }
                String known = b < knownHashes.length ? knownHashes[b] : null;
                hashes[b] = known != null ? known : firstDegreeHash(related[b], b, digest);
                order[o++] = b;
            }
            Arrays.sort(order, (a, b) -> hashes[a].compareTo(hashes[b]));
            String[] labels = new String[blankNodes];
            for (int i = 0; i < present; i++) {
                if (i > 0 && hashes[order[i]].equals(hashes[order[i - 1]])) {
                    throw Unsupported.INSTANCE;
                }
                labels[order[i]] = "_:c14n" + i;
            }
            String[] lines = new String[distinct.size()];
            int length = 0;
            for (int i = 0; i < lines.length; i++) {
                lines[i] = distinct.get(i).nquad(labels);
                length += lines[i].length();
            }
            Arrays.sort(lines);
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0 && lines[i].equals(lines[i - 1])) {
                    throw Unsupported.INSTANCE;
                }
                out.append(lines[i]);
            }
            return out.toString();
        }
    }

    /** RDFC-1.0 §4.6 as titanium-rdfc computes it: the sorted N-Quads with _:a and _:z, hashed. */
    private static String firstDegreeHash(Quad[] related, int blank, MessageDigest digest) {
        String[] lines = new String[related.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = related[i].nquad(blank);
        }
        Arrays.sort(lines);
        digest.reset();
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return hex(digest.digest());
    }

    /** A node object's statements, its blank nodes numbered from 0, and their first-degree hashes. */
    private static final class Subtree {
        final Ref root;
        final Quad[] quads;
        final int blankNodes;
        final String[] hashes;

        Subtree(Ref root, Quad[] quads, int blankNodes) {
            this.root = root;
            this.quads = quads;
            this.blankNodes = blankNodes;
            this.hashes = new String[blankNodes];
            int[] counts = new int[blankNodes];
            for (Quad quad : quads) {
                if (quad.subject.blank >= 0) {
                    counts[quad.subject.blank]++;
                }
                if (quad.objectRef != null && quad.objectRef.blank >= 0) {
                    counts[quad.objectRef.blank]++;
                }
            }
            Quad[][] related = new Quad[blankNodes][];
            for (int b = 0; b < blankNodes; b++) {
                related[b] = new Quad[counts[b]];
                counts[b] = 0;
            }
            for (Quad quad : quads) {
                if (quad.subject.blank >= 0) {
                    related[quad.subject.blank][counts[quad.subject.blank]++] = quad;
                }
                if (quad.objectRef != null && quad.objectRef.blank >= 0) {
                    related[quad.objectRef.blank][counts[quad.objectRef.blank]++] = quad;
                }
            }
            MessageDigest digest = sha256();
            for (int b = 0; b < blankNodes; b++) {
                // a blank node without statements is never hashed; leave it to the usual path
                hashes[b] = related[b].length == 0 ? null : firstDegreeHash(related[b], b, digest);
            }
        }
    }

    /** A node object's JSON value (compared by value) under a context and property (compared by identity). */
    private static final class SubtreeKey {
        final ActiveContext ctx;
        final String property;
        final ObjectNode json;
        final int hash;

        SubtreeKey(ActiveContext ctx, String property, ObjectNode json) {
            this.ctx = ctx;
            this.property = property;
            this.json = json;
            this.hash = (System.identityHashCode(ctx) * 31 + property.hashCode()) * 31 + json.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof SubtreeKey)) {
                return false;
            }
            SubtreeKey that = (SubtreeKey) other;
            return ctx == that.ctx && hash == that.hash && property.equals(that.property) && json.equals(that.json);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A node id: an absolute IRI, or a blank node numbered within one document. */
    private static final class Ref {
        final String iri;
        final int blank;

        private Ref(String iri, int blank) {
            this.iri = iri;
            this.blank = blank;
        }

        static Ref iri(String iri) {
            return new Ref(iri, -1);
        }

        static Ref blank(int number) {
            return new Ref(null, number);
        }

        Ref shift(int offset) {
            return blank < 0 ? this : new Ref(null, blank + offset);
        }

        String label(String[] labels) {
            return blank >= 0 ? labels[blank] : iri;
        }

        String labelFor(int reference) {
            return blank < 0 ? iri : blank == reference ? BLANK_A : BLANK_Z;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ref && blank == ((Ref) other).blank && Objects.equals(iri, ((Ref) other).iri);
        }

        @Override
        public int hashCode() {
            return blank >= 0 ? blank : iri.hashCode();
        }
    }

    private static final class Literal {
        final String lexical;
        final String datatype;

        Literal(String lexical, String datatype) {
            this.lexical = lexical;
            this.datatype = datatype;
        }
    }

    /** One statement of the default graph; equal when titanium would write the same N-Quad. */
    private static final class Quad {
        final Ref subject;
        final String predicate;
        final Ref objectRef;
        final String literal;
        final String datatype;
        /** The object as N-Quads writes it, when it is a literal or an IRI: the same in every line. */
        private String fixedObject;

        Quad(Ref subject, String predicate, Ref objectRef, Literal literal) {
            this(subject, predicate, objectRef, literal == null ? null : literal.lexical,
                    literal == null ? null : literal.datatype);
        }

        private Quad(Ref subject, String predicate, Ref objectRef, String literal, String datatype) {
            this.subject = subject;
            this.predicate = predicate;
            this.objectRef = objectRef;
            this.literal = literal;
            this.datatype = datatype;
        }

        /** The same statement with its blank nodes renumbered; shared as it is when it has none. */
        Quad shift(int offset) {
            boolean blankObject = objectRef != null && objectRef.blank >= 0;
            if (subject.blank < 0 && !blankObject) {
                return this;
            }
            Quad shifted = new Quad(subject.shift(offset), predicate, blankObject ? objectRef.shift(offset) : objectRef,
                    literal, datatype);
            shifted.fixedObject = fixedObject;
            return shifted;
        }

        Quad(Ref subject, String predicate, Object object) {
            this(subject, predicate, object instanceof Ref ? (Ref) object : null,
                    object instanceof Literal ? (Literal) object : null);
        }

        /** With the blank node {@code reference} as _:a and every other one as _:z (first-degree hash). */
        String nquad(int reference) {
            StringBuilder line = new StringBuilder(128);
            term(line, subject.labelFor(reference));
            return finish(line, objectRef != null && objectRef.blank >= 0 ? objectRef.labelFor(reference) : null);
        }

        String nquad(String[] labels) {
            StringBuilder line = new StringBuilder(128);
            term(line, subject.label(labels));
            return finish(line, objectRef != null && objectRef.blank >= 0 ? labels[objectRef.blank] : null);
        }

        /** titanium's NQuadsWriter.nquad for a default-graph statement without language or direction. */
        private String finish(StringBuilder line, String blankObject) {
            line.append(' ');
            term(line, predicate);
            line.append(' ');
            if (blankObject != null) {
                line.append(blankObject);
            } else {
                if (fixedObject == null) {
                    fixedObject = objectText();
                }
                line.append(fixedObject);
            }
            return line.append(" .\n").toString();
        }

        private String objectText() {
            if (datatype == null) {
                return '<' + objectRef.iri + '>';
            }
            StringBuilder text = new StringBuilder(literal.length() + 2);
            text.append('"');
            escape(text, literal);
            text.append('"');
            if (!XsdConstants.STRING.equals(datatype)) {
                text.append("^^<").append(datatype).append('>');
            }
            return text.toString();
        }

        private static void term(StringBuilder line, String value) {
            if (value.startsWith("_:")) {
                line.append(value);
            } else {
                line.append('<').append(value).append('>');
            }
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Quad)) {
                return false;
            }
            Quad that = (Quad) other;
            return subject.equals(that.subject) && predicate.equals(that.predicate)
                    && Objects.equals(objectRef, that.objectRef) && Objects.equals(literal, that.literal)
                    && Objects.equals(datatype, that.datatype);
        }

        @Override
        public int hashCode() {
            int hash = subject.hashCode() * 31 + predicate.hashCode();
            hash = hash * 31 + (objectRef != null ? objectRef.hashCode() : literal.hashCode());
            return datatype == null ? hash : hash * 31 + datatype.hashCode();
        }
    }

    /**
     * titanium's NQuadsAlphabet.escape without its code-point stream: the characters it escapes are all ASCII,
     * so walking UTF-16 units and copying the rest, surrogates included, writes the same text.
     */
    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                default:
                    if (ch <= 0x1f || ch == 0x7f) {
                        out.append("\\u00").append(HEX_UPPER[ch >> 4]).append(HEX_UPPER[ch & 0xf]);
                    } else {
                        out.append(ch);
                    }
            }
        }
    }

    /** A scoped context derived from a parent context; parent and local context compared by identity. */
    private static final class DerivedKey {
        static final int PROPERTY_SCOPED_NODE = 0;
        static final int PROPERTY_SCOPED_VALUE = 1;
        static final int TYPE_SCOPED = 2;

        final ActiveContext parent;
        final JsonValue local;
        final URI base;
        final int mode;

        DerivedKey(ActiveContext parent, JsonValue local, URI base, int mode) {
            this.parent = parent;
            this.local = local;
            this.base = base;
            this.mode = mode;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof DerivedKey)) {
                return false;
            }
            DerivedKey that = (DerivedKey) other;
            return parent == that.parent && local == that.local && mode == that.mode && Objects.equals(base, that.base);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(parent) * 31 + System.identityHashCode(local)) * 31 + mode;
        }
    }

    /** The document is outside what this class handles; thrown without a stack trace, caught above. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }

        static Unsupported get() {
            return INSTANCE;
        }
    }

    /** titanium's IRI expansion of a node id or @id-coerced value, for values that are already absolute IRIs. */
    private static String expandId(ActiveContext ctx, String value) throws Unsupported {
        if (value.isEmpty() || value.charAt(0) == '@' || ctx.getTerm(value).isPresent()) {
            throw Unsupported.INSTANCE;
        }
        return absolute(ctx, value);
    }

    /** titanium's IRI expansion of a @type value (vocabulary-relative): a term, or an absolute IRI. */
    private static String expandType(ActiveContext typeContext, String value) throws Unsupported {
        if (value.isEmpty() || value.charAt(0) == '@') {
            throw Unsupported.INSTANCE;
        }
        TermDefinition term = typeContext.getTerm(value).orElse(null);
        if (term != null) {
            String mapping = term.getUriMapping();
            if (mapping == null || mapping.isEmpty() || mapping.charAt(0) == '@' || mapping.startsWith("_:")
                    || !ExpandedGraphGuard.isAbsoluteIri(mapping)) {
                throw Unsupported.INSTANCE;
            }
            return mapping;
        }
        return absolute(typeContext, value);
    }

    /** An absolute IRI no compact-IRI prefix applies to, which expansion leaves as it is. */
    private static String absolute(ActiveContext ctx, String value) throws Unsupported {
        int colon = value.indexOf(':', 1);
        if (colon < 0 || colon == 1 && value.charAt(0) == '_') {
            throw Unsupported.INSTANCE;
        }
        boolean authority = colon + 2 < value.length() && value.charAt(colon + 1) == '/'
                && value.charAt(colon + 2) == '/';
        if (!authority && ctx.getTerm(value.substring(0, colon)).isPresent()) {
            throw Unsupported.INSTANCE;
        }
        if (!ExpandedGraphGuard.isAbsoluteIri(value)) {
            throw Unsupported.INSTANCE;
        }
        return value;
    }

    private static String[] strings(JsonNode value) throws Unsupported {
        if (value.isTextual()) {
            return new String[] {value.textValue()};
        }
        if (!value.isArray() || value.isEmpty()) {
            throw Unsupported.INSTANCE;
        }
        String[] strings = new String[value.size()];
        for (int i = 0; i < strings.length; i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw Unsupported.INSTANCE;
            }
            strings[i] = item.textValue();
        }
        return strings;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String hex(byte[] data) {
        char[] chars = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            chars[2 * i] = HEX[(data[i] & 0xf0) >> 4];
            chars[2 * i + 1] = HEX[data[i] & 0xf];
        }
        return new String(chars);
    }
}
