package ca.microcred.issuer.completion.mapping;

import ca.microcred.issuer.completion.rest.CompletionRequest;
import ca.microcred.issuer.completion.rest.CompletionRequest.LearnerResult;
import ca.microcred.issuer.completion.service.CompletionRules;
import ca.microcred.support.problem.Problem.Violation;
import ca.microcred.support.problem.ProblemException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cohort's results as a spreadsheet exports them: UTF-8 CSV (RFC 4180 quoting, comma or semicolon separated, an
 * optional byte-order mark), a header row naming the columns, then one learner per row. Columns, in any order,
 * names case-insensitive:
 * <ul>
 *     <li>{@code email} (required), {@code name} (required), {@code passed} (required: true/false, yes/no,
 *     oui/non or 1/0);</li>
 *     <li>{@code grade} (optional text), {@code evidence_urls} (optional portfolio links separated by spaces or
 *     {@code |}), {@code consent_employer_contact} (optional boolean, false when empty).</li>
 * </ul>
 * Problems are reported with their line (the header is line 1; a quoted value spanning lines counts them all) and
 * column, every one of them, and the request that results is held to the same rules as a JSON one.
 */
public final class CompletionCsv {

    public static final String EMAIL = "email";
    public static final String NAME = "name";
    public static final String PASSED = "passed";
    public static final String GRADE = "grade";
    public static final String EVIDENCE_URLS = "evidence_urls";
    public static final String CONSENT = "consent_employer_contact";

    private static final List<String> COLUMNS = List.of(EMAIL, NAME, PASSED, GRADE, EVIDENCE_URLS, CONSENT);
    private static final List<String> REQUIRED = List.of(EMAIL, NAME, PASSED);
    private static final Map<String, String> FIELD_COLUMN = Map.of(
            "email", EMAIL, "name", NAME, "passed", PASSED, "grade", GRADE, "portfolioLinks", EVIDENCE_URLS,
            "consentToEmployerContact", CONSENT);
    private static final Pattern LEARNER_FIELD = Pattern.compile("^learners\\[(\\d+)](?:\\.(\\w+))?");
    private static final Pattern LEARNER_REFERENCE = Pattern.compile("learners\\[(\\d+)]");
    private static final Pattern LINK_SEPARATOR = Pattern.compile("[\\s|]+");

    private final CompletionRequest request;
    private final List<Violation> problems;
    private final int[] lineOfLearner;

    private CompletionCsv(CompletionRequest request, List<Violation> problems, int[] lineOfLearner) {
        this.request = request;
        this.problems = problems;
        this.lineOfLearner = lineOfLearner;
    }

    /**
     * Reads the CSV body into a completion request.
     *
     * @throws ProblemException 400 when the body cannot be read as a table at all (not UTF-8, no header, unknown
     *                          or missing columns); problems of single rows are kept for {@link #present}
     */
    public static CompletionCsv read(byte[] body, String providerId, String cohortId, String achievementId,
                                     String proofFormat) {
        String text = decode(body);
        List<Row> rows = new Parser(text).rows();
        if (rows.isEmpty()) {
            throw ProblemException.invalid(List.of(new Violation("body",
                    "is empty; send a header row (" + String.join(",", REQUIRED) + ", ...) and one row per learner")));
        }
        Row header = rows.get(0);
        Map<String, Integer> index = columns(header);
        List<Violation> problems = new ArrayList<>();
        List<LearnerResult> learners = new ArrayList<>(rows.size() - 1);
        int[] lines = new int[rows.size() - 1];
        for (Row row : rows.subList(1, rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            if (row.cells().size() != header.cells().size()) {
                problems.add(new Violation(line(row.line()), "has " + row.cells().size() + " values; the header has "
                        + header.cells().size() + " columns"));
            }
            lines[learners.size()] = row.line();
            learners.add(learner(row, index, problems));
        }
        if (learners.size() > CompletionRequest.MAX_LEARNERS) {
            throw ProblemException.invalid(List.of(new Violation("body", "lists " + learners.size()
                    + " learners; a completion has at most " + CompletionRequest.MAX_LEARNERS)));
        }
        if (learners.isEmpty()) {
            problems.add(new Violation("body", "lists no learner; add one row per learner under the header"));
        }
        CompletionRequest request = new CompletionRequest(providerId, cohortId, achievementId,
                learners.isEmpty() ? null : learners, proofFormat);
        return new CompletionCsv(request, problems, Arrays.copyOf(lines, learners.size()));
    }

    public CompletionRequest request() {
        return request;
    }

    /**
     * The request's violations restated with CSV line numbers and column names, together with the problems found
     * while reading the rows; a cell already reported as unreadable is not reported again.
     */
    public List<Violation> present(List<Violation> requestViolations) {
        List<Violation> all = new ArrayList<>(problems);
        Set<String> unreadable = new HashSet<>();
        problems.forEach(p -> unreadable.add(p.field()));
        for (Violation v : requestViolations) {
            String field = csvField(v.field());
            if (!unreadable.contains(field)) {
                all.add(new Violation(field, csvMessage(v.message())));
            }
        }
        all.sort(Comparator.comparing(Violation::field, CompletionRules::compareFields)
                .thenComparing(Violation::message));
        return all;
    }

    /** {@code learners[4].email} → {@code line 6, column email}; other fields keep their names. */
    String csvField(String field) {
        if ("learners".equals(field)) {
            return "body";
        }
        Matcher m = LEARNER_FIELD.matcher(field);
        if (!m.find()) {
            return field;
        }
        int learner = Integer.parseInt(m.group(1));
        String line = learner < lineOfLearner.length ? line(lineOfLearner[learner]) : field;
        String column = m.group(2) == null ? null : FIELD_COLUMN.get(m.group(2));
        return column == null ? line : line + ", column " + column;
    }

    private String csvMessage(String message) {
        Matcher m = LEARNER_REFERENCE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int learner = Integer.parseInt(m.group(1));
            m.appendReplacement(out, learner < lineOfLearner.length ? "line " + lineOfLearner[learner] : m.group());
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            CharBuffer chars = decoder.decode(bytes);
            String text = chars.toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid(List.of(new Violation("body", "is not UTF-8 text; save the CSV as "
                    + "\"CSV UTF-8\" so accented names (é, è, ç, ...) arrive intact")));
        }
    }

    private static Map<String, Integer> columns(Row header) {
        List<Violation> problems = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                problems.add(new Violation(line(header.line()) + ", column " + (i + 1), "'" + header.cells().get(i)
                        + "' is not a known column; the columns are " + String.join(", ", COLUMNS)));
            } else if (index.putIfAbsent(name, i) != null) {
                problems.add(new Violation(line(header.line()) + ", column " + name, "appears more than once"));
            }
        }
        for (String required : REQUIRED) {
            if (!index.containsKey(required)) {
                problems.add(new Violation(line(header.line()) + ", column " + required, "is required in the header"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return index;
    }

    private static LearnerResult learner(Row row, Map<String, Integer> index, List<Violation> problems) {
        String email = blankToNull(row.cell(index.get(EMAIL)));
        String name = blankToNull(row.cell(index.get(NAME)));
        Boolean passed = bool(row, PASSED, index, problems);
        Boolean consent = index.containsKey(CONSENT) ? bool(row, CONSENT, index, problems) : Boolean.FALSE;
        if (consent == null) {
            consent = Boolean.FALSE;
        }
        String grade = index.containsKey(GRADE) ? blankToNull(row.cell(index.get(GRADE))) : null;
        List<String> links = null;
        if (index.containsKey(EVIDENCE_URLS)) {
            String cell = row.cell(index.get(EVIDENCE_URLS)).trim();
            links = cell.isEmpty() ? null : List.of(LINK_SEPARATOR.split(cell));
        }
        return new LearnerResult(name, email == null ? null : email.trim(), passed, consent, links,
                grade == null ? null : grade.trim());
    }

    /** A readable yes or no; null when the cell is empty (the rules then ask for it) or unreadable (reported). */
    private static Boolean bool(Row row, String column, Map<String, Integer> index, List<Violation> problems) {
        String value = row.cell(index.get(column)).trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "":
                return null;
            case "true", "yes", "y", "oui", "o", "1":
                return Boolean.TRUE;
            case "false", "no", "n", "non", "0":
                return Boolean.FALSE;
            default:
                problems.add(new Violation(line(row.line()) + ", column " + column, "'" + row.cell(index.get(column))
                        + "' is not a yes or no; write true/false, yes/no, oui/non or 1/0"));
                return Boolean.FALSE;
        }
    }

    private static String line(int line) {
        return "line " + line;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** One record and the line it starts on. */
    record Row(int line, List<String> cells) {

        String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }

        boolean isBlank() {
            return cells.size() == 1 && cells.get(0).isBlank();
        }
    }

    /** RFC 4180 with LF or CRLF line ends; the separator is the header's (comma, or semicolon as French Excel writes). */
    static final class Parser {

        private final String text;
        private final char separator;
        private int pos;
        private int line = 1;

        Parser(String text) {
            this.text = text;
            int headerEnd = text.indexOf('\n');
            String header = headerEnd < 0 ? text : text.substring(0, headerEnd);
            this.separator = header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? ';' : ',';
        }

        List<Row> rows() {
            List<Row> rows = new ArrayList<>();
            while (pos < text.length()) {
                rows.add(row());
            }
            return rows;
        }

        private Row row() {
            int start = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < text.length() && text.charAt(pos) == '"') {
                            cell.append('"');
                            pos++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == separator) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    continue;
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return new Row(start, cells);
        }
    }
}
