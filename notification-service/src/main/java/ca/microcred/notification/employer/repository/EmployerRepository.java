package ca.microcred.notification.employer.repository;

import ca.microcred.notification.employer.Employer;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class EmployerRepository implements PanacheMongoRepositoryBase<Employer, String> {

    /** Inserts the profile unless one with its id exists; returns whether this call created it. */
    public boolean insertNew(Employer employer) {
        try {
            mongoCollection().insertOne(employer);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public List<Employer> list(int offset, int limit) {
        return mongoCollection().find().sort(Sorts.ascending("_id")).skip(offset).limit(limit).into(new ArrayList<>());
    }
}
