package org.ipledger.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLDataException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Each failure a request can meet becomes the status and error code both services answer with. */
class ApiExceptionHandlerTests {

    /** As both services configure Jackson: an unknown field fails the binding. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Probe())
            .setControllerAdvice(new ApiExceptionHandler())
            .setMessageConverters(new StringHttpMessageConverter(), new JacksonJsonHttpMessageConverter(JSON))
            .build();

    @Test
    void bodyThatIsNotJsonIsMalformedJson() throws Exception {
        expect(postJson("cidr=10.0.0.0/24"), 400, "malformed_json");
    }

    @Test
    void missingBodyIsMissingBody() throws Exception {
        expect(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)), 400, "missing_body");
    }

    @Test
    void unknownFieldIsRefusedByName() throws Exception {
        expect(postJson("{\"name\":\"n\",\"colour\":\"red\"}"), 400, "unknown_field")
                .andExpect(jsonPath("$.message").value(containsString("'colour'")));
    }

    @Test
    void valueOfTheWrongTypeIsInvalidFieldNamingIt() throws Exception {
        expect(postJson("{\"name\":\"n\",\"vlan\":\"ten\"}"), 400, "invalid_field")
                .andExpect(jsonPath("$.message").value(containsString("'vlan'")));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        expect(mvc.perform(post("/probe").contentType(MediaType.TEXT_PLAIN).content("{\"name\":\"n\"}")), 415,
                "unsupported_media_type");
    }

    @Test
    void methodTheResourceDoesNotHaveIsMethodNotAllowed() throws Exception {
        expect(mvc.perform(put("/probe")), 405, "method_not_allowed");
    }

    @Test
    void parameterOfTheWrongTypeIsInvalidParameter() throws Exception {
        expect(mvc.perform(get("/probe").param("limit", "many")), 400, "invalid_parameter");
    }

    @Test
    void missingParameterIsMissingParameter() throws Exception {
        expect(mvc.perform(get("/probe")), 400, "missing_parameter");
    }

    @Test
    void apiExceptionKeepsItsStatusCodeAndRetryAfter() throws Exception {
        expect(mvc.perform(get("/probe").param("limit", "503")), 503, "not_now")
                .andExpect(header().string("Retry-After", "30"));
    }

    @Test
    void constraintTheDatabaseEnforcesIsConflictWithoutTheDatabasesText() throws Exception {
        expect(mvc.perform(get("/probe").param("limit", "409")), 409, "conflict")
                .andExpect(jsonPath("$.message").value(not(containsString("Duplicate entry"))));
    }

    @Test
    void valueTheDatabaseCannotStoreIsInvalidValueNamingTheFieldWithoutTheDatabasesText() throws Exception {
        expect(mvc.perform(get("/probe").param("limit", "400")), 400, "invalid_value")
                .andExpect(jsonPath("$.message").value(containsString("'note'")))
                .andExpect(jsonPath("$.message").value(not(containsString("Data too long"))));
    }

    private ResultActions postJson(String body) throws Exception {
        return mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions expect(ResultActions result, int status, String code) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(jsonPath("$.error").value(code))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @RestController
    static class Probe {

        record Body(String name, Integer vlan) {
        }

        @PostMapping("/probe")
        String create(@RequestBody Body body) {
            return body.name();
        }

        @GetMapping("/probe")
        String list(@RequestParam Integer limit) {
            if (limit == 503) {
                throw ApiException.unavailable("not_now", "Not now.", Duration.ofSeconds(30));
            }
            if (limit == 400) {
                throw new DataIntegrityViolationException("INSERT INTO ipnet ... failed",
                        new SQLDataException("Data too long for column 'note' at row 1", "22001", 1406));
            }
            if (limit == 409) {
                throw new DataIntegrityViolationException("Duplicate entry '10.0.0.1' for key 'addr'");
            }
            return "ok";
        }
    }
}
