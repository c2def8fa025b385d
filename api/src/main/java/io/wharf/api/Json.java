package io.wharf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The one Jackson codec for Wharf's own records (event-bus bodies, cluster-map values, durable
 * state files). Unknown properties are ignored so that a newer member can talk to an older one.
 * Docker wire JSON is built by the gateway's translators, not by this mapper.
 */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static Buffer buffer(Object value) {
    return Buffer.buffer(bytes(value));
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw WharfException.invalid("malformed " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  public static <T> T read(byte[] json, JavaType type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw WharfException.invalid("malformed " + type + ": " + e.getMessage());
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw WharfException.invalid("malformed " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  public static JavaType type(TypeReference<?> ref) {
    return MAPPER.getTypeFactory().constructType(ref);
  }

  public static JavaType type(Class<?> cls) {
    return MAPPER.getTypeFactory().constructType(cls);
  }
}
