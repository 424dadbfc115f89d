package rehab.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Validates FHIR R4 JSON resources with HAPI FHIR's instance validator (the base
 * specification's profiles and terminology, no external terminology server).
 *
 * <p>Two modes, because the validator takes seconds to load and then milliseconds per
 * resource:
 *
 * <ul>
 *   <li>{@code --serve}: prints {@code {"ready":true,...}} once loaded, then reads one JSON
 *       resource per line on stdin and prints one line {@code {"issues":[...]}} per resource,
 *       in order, until stdin closes. The test helper in libs/testing drives this mode.
 *   <li>{@code FILE...}: validates each file and prints a JSON array of {@code {file, issues}};
 *       exits 1 when any file has an error.
 * </ul>
 */
public final class ValidatorMain {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ValidatorMain() {}

  public static void main(String[] args) throws Exception {
    // stdout carries the protocol only: anything a library prints goes to stderr instead.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    long started = System.nanoTime();
    FhirValidator validator = createValidator();
    if (args.length == 1 && args[0].equals("--serve")) {
      // The first validation loads the structure definitions and value sets: pay it now,
      // so "ready" means every later answer takes milliseconds.
      validator.validateWithResult("{\"resourceType\":\"Patient\",\"gender\":\"female\"}");
      ObjectNode ready = JSON.createObjectNode();
      ready.put("ready", true);
      ready.put("startupMs", (System.nanoTime() - started) / 1_000_000);
      ready.put("hapiVersion", ca.uhn.fhir.util.VersionUtil.getVersion());
      out.println(JSON.writeValueAsString(ready));
      serve(validator, out);
      return;
    }
    if (args.length == 0) {
      System.err.println("usage: ValidatorMain --serve | FILE...");
      System.exit(2);
    }
    ArrayNode results = JSON.createArrayNode();
    boolean anyError = false;
    for (String file : args) {
      ValidationResult result =
          validator.validateWithResult(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      ObjectNode entry = results.addObject();
      entry.put("file", file);
      entry.set("issues", issues(result));
      anyError |= hasError(result);
    }
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    System.exit(anyError ? 1 : 0);
  }

  private static FhirValidator createValidator() {
    FhirContext context = FhirContext.forR4();
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(context),
            new CommonCodeSystemsTerminologyService(context),
            new InMemoryTerminologyServerValidationSupport(context),
            new SnapshotGeneratingValidationSupport(context));
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    // No terminology server is reachable: HAPI reports a code of an external system
    // (SNOMED CT, RxNorm, ICD-10) it cannot check as a warning, not an error.
    module.setAnyExtensionsAllowed(true);
    return context.newValidator().registerValidatorModule(module);
  }

  private static void serve(FhirValidator validator, PrintStream out) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      ObjectNode answer = JSON.createObjectNode();
      long started = System.nanoTime();
      try {
        answer.set("issues", issues(validator.validateWithResult(line)));
      } catch (RuntimeException e) {
        // A resource the parser cannot even read is still an answer, never a dead process.
        ArrayNode issues = answer.putArray("issues");
        ObjectNode issue = issues.addObject();
        issue.put("severity", "fatal");
        issue.put("location", "");
        issue.put("message", String.valueOf(e.getMessage()));
      }
      answer.put("ms", (System.nanoTime() - started) / 1_000_000.0);
      out.println(JSON.writeValueAsString(answer));
    }
  }

  private static ArrayNode issues(ValidationResult result) {
    ArrayNode issues = JSON.createArrayNode();
    for (SingleValidationMessage message : result.getMessages()) {
      ObjectNode issue = issues.addObject();
      issue.put("severity", message.getSeverity().getCode());
      issue.put("location", String.valueOf(message.getLocationString()));
      issue.put("message", message.getMessage());
      if (message.getMessageId() != null) issue.put("messageId", message.getMessageId());
      if (message.getLocationLine() != null) issue.put("line", message.getLocationLine());
      if (message.getLocationCol() != null) issue.put("column", message.getLocationCol());
    }
    return issues;
  }

  private static boolean hasError(ValidationResult result) {
    return result.getMessages().stream()
        .anyMatch(
            m ->
                m.getSeverity() == ResultSeverityEnum.ERROR
                    || m.getSeverity() == ResultSeverityEnum.FATAL);
  }
}
