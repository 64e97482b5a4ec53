package io.thyme.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.api.common.JobID;

/** Reads job state and operator metrics the way the Flink UI does: through its REST API. */
public final class FlinkRest {
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public FlinkRest(URI base) {
        this.base = base;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    /**
     * The sum over subtasks of the operator metric whose name ends with {@code metric}, in the
     * vertex whose name contains {@code vertexNamePart}; empty while the UI does not show it yet.
     */
    public Optional<Long> operatorMetric(JobID job, String vertexNamePart, String metric)
            throws IOException, InterruptedException {
        for (JsonNode vertex : get("/jobs/" + job + "").path("vertices")) {
            if (!vertex.path("name").asText().contains(vertexNamePart)) {
                continue;
            }
            String prefix = "/jobs/" + job + "/vertices/" + vertex.path("id").asText();
            for (JsonNode available : get(prefix + "/subtasks/metrics")) {
                String id = available.path("id").asText();
                if (id.endsWith("." + metric)) {
                    JsonNode values =
                            get(
                                    prefix
                                            + "/subtasks/metrics?agg=sum&get="
                                            + URLEncoder.encode(id, StandardCharsets.UTF_8));
                    if (values.size() > 0) {
                        return Optional.of((long) values.get(0).path("sum").asDouble());
                    }
                }
            }
        }
        return Optional.empty();
    }

    public String jobStatus(JobID job) throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText();
    }

    /** The first running job, if any. */
    public Optional<JobID> runningJob() throws IOException, InterruptedException {
        for (JsonNode job : get("/jobs").path("jobs")) {
            if ("RUNNING".equals(job.path("status").asText())) {
                return Optional.of(JobID.fromHexString(job.path("id").asText()));
            }
        }
        return Optional.empty();
    }
}
