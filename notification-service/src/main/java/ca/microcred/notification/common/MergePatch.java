package ca.microcred.notification.common;

import ca.microcred.support.problem.Problem;
import ca.microcred.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Merge Patch (RFC 7396): the patch is applied to the resource as its update body shows it, and the result
 * goes through the same validation as a full replacement, so a patch can never store what a PUT would refuse.
 */
public final class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private MergePatch() {
    }

    /**
     * Applies {@code patch} (raw JSON text) to {@code current} and reads the result as {@code type}. Members the
     * resource does not have are refused, listed in one 400 answer, rather than silently ignored.
     *
     * @throws JsonProcessingException when the patch is not JSON or a member has the wrong type (answered 400)
     */
    public static <T> T apply(ObjectMapper json, Object current, String patch, Set<String> patchable, Class<T> type)
            throws JsonProcessingException {
        JsonNode changes = json.readTree(patch == null ? "" : patch);
        if (changes == null || changes.isMissingNode() || !changes.isObject()) {
            throw ProblemException.invalid(List.of(new Problem.Violation("body",
                    "a merge patch must be a JSON object")));
        }
        List<Problem.Violation> unknown = new ArrayList<>();
        changes.fieldNames().forEachRemaining(name -> {
            if (!patchable.contains(name)) {
                unknown.add(new Problem.Violation(name, "cannot be changed; patchable members are "
                        + String.join(", ", patchable.stream().sorted().toList())));
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        JsonNode merged = merge(json.valueToTree(current), changes);
        return json.treeToValue(merged, type);
    }

    /** RFC 7396 §2: null removes a member, an object merges recursively, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
