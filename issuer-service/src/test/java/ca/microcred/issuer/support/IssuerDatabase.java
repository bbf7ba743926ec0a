package ca.microcred.issuer.support;

import ca.microcred.devstack.DevstackTestResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** Looks straight into issuer-service's database, independently of the service's own code. */
public final class IssuerDatabase {

    private static final MongoClient CLIENT = MongoClients.create(DevstackTestResource.mongoConnectionString());

    private IssuerDatabase() {
    }

    public static MongoCollection<Document> completions() {
        return CLIENT.getDatabase("issuer").getCollection("completions");
    }

    public static MongoCollection<Document> credentials() {
        return CLIENT.getDatabase("issuer").getCollection("credentials");
    }

    /** Status list index allocation, one document per provider. */
    public static MongoCollection<Document> statusLists() {
        return CLIENT.getDatabase("issuer").getCollection("status_lists");
    }

    public static long completionsForCohort(String cohortId) {
        return completions().countDocuments(Filters.eq("cohortId", cohortId));
    }

    public static long credentialsForCohort(String cohortId) {
        return credentials().countDocuments(Filters.eq("cohortId", cohortId));
    }

    public static Document completion(String completionId) {
        return completions().find(Filters.eq("_id", completionId)).first();
    }

    public static List<Document> credentialsOf(String completionId) {
        return credentials().find(Filters.eq("completionId", completionId)).into(new ArrayList<>());
    }
}
